// Attempt accounting: retries of one logical call grouped within a window, gaps, and early-retry warnings.
import { describe, expect, it } from "vitest";
import { AttemptLog, retryAfterMs } from "../../../src/mock/faults/index.js";

const call = (at: number, body = "{}", status = 503, retryAfter?: number) => ({
  method: "POST",
  target: "/api/hubs/chat/:send?api-version=2022-06-01",
  body: Buffer.from(body),
  attempt: { at, status, ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter }) },
});

describe("AttemptLog", () => {
  it("groups the same call within the window, records gaps, and separates other bodies and late calls", () => {
    const log = new AttemptLog(10_000);
    log.record(call(1000));
    log.record(call(1800));
    log.record(call(2600, "{}", 202));
    log.record(call(2700, '{"other":1}', 202));
    log.record(call(50_000, "{}", 202));
    const groups = log.list();
    expect(groups.map((g) => g.attempts.length)).toEqual([3, 1, 1]);
    expect(groups[0]!.gapsMs).toEqual([800, 800]);
  });

  it("warns when a retry comes sooner than the Retry-After it was given", () => {
    const log = new AttemptLog();
    log.record(call(0, "{}", 503, 2000));
    const group = log.record(call(500));
    expect(group.warnings).toEqual([
      expect.stringContaining("500 ms after the previous one, sooner than its Retry-After of 2000 ms"),
    ]);
    const fine = new AttemptLog();
    fine.record(call(0, "{}", 503, 2000));
    expect(fine.record(call(2000)).warnings).toEqual([]);
  });

  it("reads Retry-After as seconds or an HTTP date", () => {
    expect(retryAfterMs("3", 0)).toBe(3000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(retryAfterMs("soon", 0)).toBeUndefined();
  });
});
