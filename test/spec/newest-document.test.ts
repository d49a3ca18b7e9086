// The newest shipped document holds every operation of the older ones with the same statuses: tools that take one
// document (Prism's mock and validation proxy) get it, so no older operation goes missing there.
import { describe, expect, it } from "vitest";
import { KNOWN_API_VERSIONS, loadServedSpec, NEWEST_API_VERSION } from "../../src/spec/index.js";

describe("the newest API document", () => {
  it("is the last known version", () => {
    expect(NEWEST_API_VERSION).toBe("2024-12-01");
    expect(KNOWN_API_VERSIONS.at(-1)).toBe(NEWEST_API_VERSION);
  });

  it("has every older operation, at the same method and path, with the same documented statuses", () => {
    const newest = loadServedSpec(NEWEST_API_VERSION);
    for (const version of KNOWN_API_VERSIONS.filter((v) => v !== NEWEST_API_VERSION)) {
      const older = loadServedSpec(version);
      for (const operation of older.operations) {
        const same = newest.operation(operation.operationId);
        expect(same, `${operation.operationId} of ${version}`).toBeDefined();
        expect([same!.method, same!.path]).toEqual([operation.method, operation.path]);
        expect(newest.documentedStatuses(operation.operationId)).toEqual(
          older.documentedStatuses(operation.operationId),
        );
      }
      expect(newest.operations.length).toBeGreaterThan(older.operations.length);
    }
  });
});
