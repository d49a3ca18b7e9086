// --shard i/n: parsing, and a deterministic split that covers every test once, balanced by previous durations.
import { describe, expect, it } from "vitest";
import { parseShard, selectShard } from "../../src/runner/shard.js";

const ids = Array.from({ length: 23 }, (_, i) => `suite › test ${String(i).padStart(2, "0")}`);

describe("parseShard", () => {
  it("reads index/total", () => {
    expect(parseShard("2/4")).toEqual({ index: 2, total: 4 });
    expect(parseShard(" 1/1 ")).toEqual({ index: 1, total: 1 });
  });

  it.each(["0/4", "5/4", "2/0", "2", "a/b", "2/4/1", "-1/4", ""])("refuses %j with E_SHARD_INVALID", (text) => {
    expect(() => parseShard(text)).toThrow(expect.objectContaining({ code: "E_SHARD_INVALID" }));
  });
});

describe("selectShard", () => {
  it("gives every test to exactly one shard, the same way every time and in any input order", () => {
    const parts = [1, 2, 3, 4].map((index) => selectShard(ids, { index, total: 4 }));
    expect(parts.flatMap((p) => [...p]).sort()).toEqual([...ids].sort());
    expect(parts.map((p) => p.size)).toEqual([6, 6, 6, 5]);
    const reversed = [1, 2, 3, 4].map((index) => selectShard([...ids].reverse(), { index, total: 4 }));
    expect(reversed).toEqual(parts);
  });

  it("balances by previous durations: one long test gets a shard of its own", () => {
    const durations = new Map(ids.map((id, i) => [id, i === 7 ? 10_000 : 100]));
    const parts = [1, 2].map((index) => selectShard(ids, { index, total: 2 }, durations));
    expect(parts[0]).toEqual(new Set([ids[7]]));
    expect(parts[1]!.size).toBe(22);
  });

  it("counts a test the previous run did not have as the mean of the known ones", () => {
    const durations = new Map([
      [ids[0]!, 300],
      [ids[1]!, 100],
    ]);
    const parts = [1, 2].map((index) => selectShard(ids.slice(0, 3), { index, total: 2 }, durations));
    // 300 on shard 1; then the unknown (mean 200) and 100 go to shard 2.
    expect(parts).toEqual([new Set([ids[0]]), new Set([ids[2], ids[1]])]);
  });

  it("leaves a shard empty when there are more shards than tests", () => {
    expect(selectShard(ids.slice(0, 2), { index: 3, total: 3 }).size).toBe(0);
  });
});
