// The mock target's upstream side: `seed:` fixtures may add hub handlers and URL templates, `reset` clears them, and
// `expectUpstream` reads the mock's own recorder (the in-process receiver).
import type { Fixture, MockServer } from "../mock/index.js";
import { applyUpstreamFixture, signatureVerifies, type UpstreamRecord } from "../mock/upstream/index.js";
import type { UpstreamCall, UpstreamProbe } from "./target.js";

export function mockUpstreamProbe(server: MockServer): UpstreamProbe {
  return {
    calls: async () => server.upstream.recorder.list().flatMap(toCall),
    signatureVerifies: (header, connectionId) => signatureVerifies(header, connectionId, server.accessKeys),
  };
}

/** Applies a fixture's `handlers:` and `upstream:` (the Store part is applied by applyFixture). */
export function seedUpstream(server: MockServer, fixture: Fixture): void {
  applyUpstreamFixture(server.upstream, fixture);
}

/** Between tests: no handlers, no templates beyond the ones the target started with, no recorded calls. */
export function resetUpstream(server: MockServer, initial: ReturnType<MockServer["upstream"]["getTemplates"]>): void {
  server.upstream.handlers.clear();
  server.upstream.setTemplates(initial);
  server.upstream.recorder.clear();
}

function toCall(record: UpstreamRecord): UpstreamCall[] {
  if (!record.request) return [];
  return [
    {
      seq: record.seq,
      hub: record.hub,
      category: record.category,
      event: record.event,
      connectionId: record.connectionId,
      headers: record.request.headers,
      body: record.request.body,
      bodyEncoding: record.request.bodyEncoding,
    },
  ];
}
