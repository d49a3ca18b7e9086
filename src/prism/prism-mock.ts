// `hubkit mock --engine prism`: the spec served statelessly by Prism (answers built from the spec's examples).
import { startPrism } from "./prism-process.js";

export interface PrismMockOptions {
  /** Default (or 0): a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default: hubkit's OpenAPI document. */
  specPath?: string;
}

export interface PrismMock {
  readonly url: string;
  stop(): Promise<void>;
}

export async function startPrismMock(options: PrismMockOptions = {}): Promise<PrismMock> {
  const prism = await startPrism({ mode: "mock", ...options });
  return { url: prism.url, stop: () => prism.stop() };
}
