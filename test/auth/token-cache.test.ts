// BoundedCache: the size-capped cache behind token verification.
import { describe, expect, it } from "vitest";
import { BoundedCache } from "../../src/auth/token-cache.js";

describe("BoundedCache", () => {
  it("drops the oldest entry when full", () => {
    const cache = new BoundedCache<string, number>(2);
    cache.set("a", 1);
    cache.set("b", 2);
    cache.set("c", 3);
    expect(cache.size).toBe(2);
    expect(cache.get("a")).toBeUndefined();
    expect(cache.get("b")).toBe(2);
    expect(cache.get("c")).toBe(3);
  });

  it("overwrites an existing key without evicting", () => {
    const cache = new BoundedCache<string, number>(2);
    cache.set("a", 1);
    cache.set("b", 2);
    cache.set("a", 10);
    expect(cache.get("a")).toBe(10);
    expect(cache.get("b")).toBe(2);
  });

  it("deletes, and stores nothing with size 0", () => {
    const cache = new BoundedCache<string, number>(1);
    cache.set("a", 1);
    cache.delete("a");
    expect(cache.get("a")).toBeUndefined();
    const none = new BoundedCache<string, number>(0);
    none.set("a", 1);
    expect(none.size).toBe(0);
  });
});
