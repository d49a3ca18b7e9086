// The one path every upstream event takes: connected, each client invocation, disconnected. Routes to an in-process
// hub handler or the first matching URL template, records the call, and turns the answer into the client's Completion.
import type { MockEvents } from "../events.js";
import type { Store } from "../store.js";
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_UPSTREAM_TIMEOUT_MS,
  sendHttpUpstream,
  type UpstreamAnswer,
} from "./http-upstream.js";
import { HandlerRegistry, type HubHandlers } from "./hub-handlers.js";
import { callInProcess } from "./in-process-upstream.js";
import type { ProtocolName } from "./invocation.js";
import { type UpstreamRecord, UpstreamRecorder } from "./recorder.js";
import { type DispatchCall, SessionUpstream, type UpstreamSessionPort } from "./session-upstream.js";
import { expandUrl, findTemplate, type UpstreamTemplate } from "./templates.js";
import { buildUpstreamRequest, type UpstreamCaller, type UpstreamRequest } from "./upstream-request.js";

export type { UpstreamSessionPort } from "./session-upstream.js";

export interface UpstreamDispatcherOptions {
  store: Store;
  /** Every access key: one X-ASRS-Signature item each. */
  accessKeys: readonly string[];
  /** URL templates; undefined = no upstream configured (client invocations are refused, as the service does). */
  templates?: readonly UpstreamTemplate[];
  /** Per call; default 100 s. */
  timeoutMs?: number;
  maxResponseBytes?: number;
  /** Records kept for GET /_hubkit/upstream; default 1000. */
  maxRecords?: number;
  log?: (line: string) => void;
  events?: MockEvents;
  clock?: { now(): number };
}

export class UpstreamDispatcher {
  readonly handlers = new HandlerRegistry();
  readonly recorder: UpstreamRecorder;
  private templates: readonly UpstreamTemplate[] | undefined;

  constructor(private readonly options: UpstreamDispatcherOptions) {
    this.templates = options.templates;
    this.recorder = new UpstreamRecorder(options.maxRecords ?? 1000);
  }

  /** `mock.hub("chat").on("SendMessage", (ctx, text) => ...)` */
  hub(name: string): HubHandlers {
    return this.handlers.hub(name);
  }

  /** Replaces the URL templates (a settings reload); undefined turns the HTTP upstream off. */
  setTemplates(templates: readonly UpstreamTemplate[] | undefined): void {
    this.templates = templates;
  }

  getTemplates(): readonly UpstreamTemplate[] | undefined {
    return this.templates;
  }

  /** True when there is somewhere to route to: URL templates (even none matching) or any in-process handler. */
  get active(): boolean {
    return this.templates !== undefined || this.handlers.size > 0;
  }

  /** Called once the client's handshake succeeded: starts the `connected` call. */
  open(session: UpstreamSessionPort): SessionUpstream {
    return new SessionUpstream(this, session);
  }

  /** Routes one event and records it; never throws. */
  async dispatch(call: DispatchCall): Promise<{ answer: UpstreamAnswer | undefined; record: UpstreamRecord }> {
    const { session } = call;
    const protocol = session.protocol?.name ?? "json";
    const caller: UpstreamCaller = {
      connectionId: session.connectionId,
      hub: session.hub,
      userId: session.userId,
      claims: session.claims,
      query: session.query,
      protocol,
    };
    const key = { hub: session.hub, category: call.category, event: call.event };
    const handler =
      call.category === "messages"
        ? this.handlers.find(session.hub, call.event)
        : this.handlers.lifecycle(session.hub, call.event);
    const template = handler ? undefined : findTemplate(this.templates ?? [], key);
    const url = handler
      ? `in-process://${session.hub}/${call.event}`
      : template
        ? expandUrl(template.urlTemplate, key)
        : undefined;
    const base = {
      at: this.now(),
      hub: session.hub,
      category: call.category,
      event: call.event,
      connectionId: session.connectionId,
      ...(session.userId ? { userId: session.userId } : {}),
      ...(call.invocationId === undefined ? {} : { invocationId: call.invocationId }),
    };
    if (url === undefined) {
      const record = this.recorder.start({ ...base, route: "dropped" });
      this.note(record, `${call.category}/${call.event} dropped: no upstream template matches hub=${session.hub}`);
      this.recorder.finish(record);
      return { answer: undefined, record };
    }
    const request = buildUpstreamRequest({
      url,
      caller,
      category: call.category,
      event: call.event,
      body: call.body,
      ...(call.invocationId === undefined ? {} : { invocationId: call.invocationId }),
      accessKeys: this.options.accessKeys,
    });
    const record = this.recorder.start({
      ...base,
      route: handler ? "in-process" : "http",
      url,
      request: describeRequest(request),
    });
    const started = performance.now();
    const answer = handler
      ? await callInProcess({
          request,
          handler,
          store: this.options.store,
          userId: session.userId,
          claims: session.claims ?? {},
        }).catch((error: unknown): UpstreamAnswer => ({ kind: "unreachable", error: String(error) }))
      : await sendHttpUpstream(request, {
          timeoutMs: this.options.timeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS,
          maxResponseBytes: this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
        });
    record.ms = Math.round((performance.now() - started) * 10) / 10;
    record.answer = describeAnswer(answer, protocol);
    return { answer, record };
  }

  /** Records the Completion the client got, logs and publishes the finished call. */
  finish(record: UpstreamRecord): void {
    const answer = record.answer;
    const outcome = answer?.status !== undefined ? `${answer.status}` : (answer?.error ?? "no answer");
    const completion = record.completion
      ? ` completion=${record.completion.kind}${record.completion.error ? ` (${record.completion.error})` : ""}`
      : "";
    this.note(
      record,
      `${record.category}/${record.event} -> ${record.url} ${outcome} ${record.ms ?? 0}ms${completion}`,
    );
    this.recorder.finish(record);
  }

  private note(record: UpstreamRecord, text: string): void {
    this.options.log?.(`upstream ${text} id=${record.connectionId}`);
    this.options.events?.publish({
      kind: "upstream",
      hub: record.hub,
      connectionId: record.connectionId,
      ...(record.userId ? { userId: record.userId } : {}),
      summary: text,
      detail: { ...record },
    });
  }

  private now(): number {
    return this.options.clock?.now() ?? Date.now();
  }
}

function describeRequest(request: UpstreamRequest): UpstreamRecord["request"] {
  const json = request.headers["Content-Type"] === "application/json";
  return {
    headers: { ...request.headers },
    body: request.body.toString(json ? "utf8" : "base64"),
    bodyEncoding: json ? "utf8" : "base64",
  };
}

/** Small bodies are kept for the recorder (as text for JSON, base64 for MessagePack). */
function describeAnswer(answer: UpstreamAnswer, protocol: ProtocolName): UpstreamRecord["answer"] {
  switch (answer.kind) {
    case "response": {
      const body =
        answer.body.length === 0 || answer.body.length > 4096
          ? {}
          : { body: answer.body.toString(protocol === "json" ? "utf8" : "base64") };
      return { status: answer.status, bodyBytes: answer.body.length, ...body };
    }
    case "timeout":
      return { error: `timed out after ${answer.timeoutMs} ms` };
    case "unreachable":
      return { error: `unreachable (${answer.error})` };
    case "tooLarge":
      return { status: answer.status, error: `response larger than ${answer.limit} bytes` };
  }
}
