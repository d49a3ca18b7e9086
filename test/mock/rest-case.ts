// The shape of one shared REST case and how it is run and checked against any Caller.
import { expect } from "vitest";
import type { VirtualConnections } from "../../src/mock/admin/virtual-connections.js";
import type { Fixture } from "../../src/mock/fixtures/index.js";
import type { Store } from "../../src/mock/store.js";
import type { Caller, RawResponse } from "./callers.js";
import { type AuthMode, authorizationFor } from "./tokens.js";

export interface RestCaseContext {
  store: Store;
  virtual: VirtualConnections;
}

export interface RestCase {
  name: string;
  /** State before the call (default: the CHAT fixture). */
  fixture?: Fixture;
  /** Server options beyond the defaults (both primary and secondary keys are always accepted). */
  apiVersions?: string[];
  method: string;
  path: string;
  body?: string | Buffer;
  /** Default `application/json` when there is a body; null sends none. */
  contentType?: string | null;
  auth?: AuthMode;
  expect: {
    status: number;
    /** The `x-ms-error-code` header and ErrorDetail `code` (body only when not HEAD). */
    code?: string;
    target?: string;
    message?: string | RegExp;
    /** Exact `WWW-Authenticate` (401). */
    challenge?: string;
    allow?: string;
  };
  after?: (context: RestCaseContext) => void;
}

/** Hub `chat`: alice (2 connections, lobby), bob (lobby + vip), an anonymous connection; app hub contoso_chat. */
export const CHAT: Fixture = {
  hubs: {
    chat: {
      connections: [
        { id: "alice-1", user: "alice", groups: ["lobby"] },
        { id: "alice-2", user: "alice", groups: ["lobby"] },
        { id: "bob-1", user: "bob", groups: ["lobby", "vip"] },
        "anon-1",
      ],
      userGroups: [{ user: "carol", group: "vip" }],
    },
    chat2: { application: "contoso", connections: [{ id: "app-1", user: "dave", groups: ["ops"] }] },
  },
};

export async function runRestCase(caller: Caller, testCase: RestCase, context: RestCaseContext): Promise<void> {
  const headers: Record<string, string> = {};
  const authorization = await authorizationFor(testCase.auth ?? "sdk", caller.origin, testCase.path);
  if (authorization !== undefined) headers.authorization = authorization;
  const body = typeof testCase.body === "string" ? Buffer.from(testCase.body, "utf8") : testCase.body;
  if (body !== undefined && testCase.contentType !== null)
    headers["content-type"] = testCase.contentType ?? "application/json";
  const res = await caller.send({ method: testCase.method, path: testCase.path, headers, ...(body ? { body } : {}) });
  checkResponse(testCase, res);
  testCase.after?.(context);
}

function checkResponse(testCase: RestCase, res: RawResponse): void {
  const want = testCase.expect;
  const isHead = testCase.method === "HEAD";
  expect(res.status, `status of ${testCase.method} ${testCase.path}: ${res.body.toString()}`).toBe(want.status);
  if (want.status < 300 || want.status === 401 || isHead) {
    // Empty answers: every 2xx, every 401 and every HEAD.
    expect(res.body.length, "body length").toBe(0);
    if (!isHead || want.status < 300) expect(res.headers["content-length"]).toBe("0");
  }
  if (want.status === 401) {
    expect(res.headers["www-authenticate"]).toBe(want.challenge ?? "Bearer");
    expect(res.headers["x-ms-error-code"]).toBeUndefined();
    return;
  }
  if (want.status < 300) {
    expect(res.headers["x-ms-error-code"]).toBeUndefined();
    return;
  }
  expect(res.headers["x-ms-error-code"], "x-ms-error-code").toBe(want.code);
  if (want.allow) expect(res.headers.allow).toBe(want.allow);
  if (isHead) return;
  expect(res.headers["content-type"]).toMatch(/^application\/json/);
  const detail = JSON.parse(res.body.toString("utf8")) as { code: string; message: string; target?: string };
  expect(detail.code, "ErrorDetail code equals the header").toBe(want.code);
  expect(typeof detail.message).toBe("string");
  if (want.target !== undefined) expect(detail.target).toBe(want.target);
  if (want.message instanceof RegExp) expect(detail.message).toMatch(want.message);
  else if (want.message !== undefined) expect(detail.message).toBe(want.message);
}
