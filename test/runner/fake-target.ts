// A scriptable in-memory Target for runner tests: answers requests with a handler and hands out fake clients.
import type {
  ClientOptions,
  ClosedInfo,
  Fixture,
  HubClient,
  ReceivedMessage,
  Target,
  TargetFactory,
  TargetRequest,
  TargetResponse,
} from "../../src/targets/index.js";

export interface FakeResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: string | object;
}

export class FakeClient implements HubClient {
  readonly messages: ReceivedMessage[] = [];
  closed: ClosedInfo | undefined;
  pings = 0;
  stops = 0;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly connectionId: string,
    readonly hub: string,
    readonly user: string | undefined,
    readonly options: ClientOptions,
  ) {}

  receive(target: string, args: unknown[] = []): void {
    this.messages.push({ target, arguments: args, atMs: 0 });
    this.notify();
  }

  /** A keep-alive Ping from the service. */
  ping(): void {
    this.pings += 1;
    this.notify();
  }

  /** A Close message (with `reason` as its error) unless `details` says otherwise, e.g. `{ closeMessage: false }`. */
  closeByService(reason?: string, details: Partial<Omit<ClosedInfo, "by" | "reason">> = {}): void {
    this.closed = { by: "service", closeMessage: true, ...(reason === undefined ? {} : { reason }), ...details };
    this.notify();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async stop(): Promise<void> {
    if (this.closed) return;
    this.stops += 1;
    this.closed = { by: "client", closeMessage: false };
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}

export interface FakeTargetOptions {
  kind?: "mock" | "live";
  handle?: (request: TargetRequest, target: FakeTarget) => FakeResponse | Promise<FakeResponse>;
  /** Called after a client connects (e.g. to push messages to it later). */
  onConnect?: (client: FakeClient, target: FakeTarget) => void;
  /** Makes connect fail with this message. */
  refuseConnect?: string;
  seedable?: boolean;
}

export class FakeTarget implements Target {
  readonly kind: "mock" | "live";
  readonly endpoint = "http://fake.invalid";
  readonly requests: TargetRequest[] = [];
  readonly clients: FakeClient[] = [];
  readonly seeds: unknown[] = [];
  resets = 0;
  closes = 0;
  seed?: (fixture: Fixture) => Promise<void>;
  reset?: () => Promise<void>;

  constructor(private readonly options: FakeTargetOptions = {}) {
    this.kind = options.kind ?? "mock";
    if (options.seedable ?? this.kind === "mock") {
      this.seed = async (fixture) => {
        this.seeds.push(fixture);
      };
      this.reset = async () => {
        this.resets += 1;
      };
    }
  }

  async request(request: TargetRequest): Promise<TargetResponse> {
    this.requests.push(request);
    const answer = (await this.options.handle?.(request, this)) ?? {};
    const body = typeof answer.body === "object" ? JSON.stringify(answer.body) : (answer.body ?? "");
    return {
      status: answer.status ?? 200,
      headers: answer.headers ?? {},
      body,
      durationMs: 1,
      sentHeaders: { ...request.headers, ...(request.auth === "none" ? {} : { authorization: "Bearer ***" }) },
    };
  }

  async connect(options: ClientOptions): Promise<HubClient> {
    if (this.options.refuseConnect) throw new Error(this.options.refuseConnect);
    const client = new FakeClient(`conn-${this.clients.length + 1}`, options.hub, options.user, options);
    this.clients.push(client);
    this.options.onConnect?.(client, this);
    return client;
  }

  async close(): Promise<void> {
    this.closes += 1;
  }
}

/** A factory that hands out the given targets in turn (the last one repeatedly). */
export function factoryOf(...targets: FakeTarget[]): TargetFactory {
  let next = 0;
  return { kind: targets[0]!.kind, create: async () => targets[Math.min(next++, targets.length - 1)]! };
}
