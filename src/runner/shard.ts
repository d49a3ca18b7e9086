// `--shard i/n`: a deterministic split of the planned tests into n parts, balanced by a previous run's durations.
import { HubkitError } from "../errors.js";

export interface Shard {
  /** 1-based, as users write it: `--shard 2/4`. */
  index: number;
  total: number;
}

export function parseShard(text: string): Shard {
  const found = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(found?.[1]);
  const total = Number(found?.[2]);
  if (!found || total < 1 || index < 1 || index > total) {
    throw new HubkitError(`--shard expects <index>/<total> with 1 <= index <= total, found '${text}'.`, {
      code: "E_SHARD_INVALID",
      hint: "For four CI machines, run --shard 1/4, --shard 2/4, --shard 3/4 and --shard 4/4.",
    });
  }
  return { index, total };
}

/**
 * The ids (`suite › test`) of the tests this shard runs. Every shard computes the same assignment from the same
 * ids, so the shards together run each test exactly once. With durations (from a previous report), the longest tests
 * are placed first, each on the shard with the least time so far (ties: the lower shard); tests the previous run did
 * not have count as its mean. Without durations every test counts the same, which spreads them round-robin.
 */
export function selectShard(
  ids: readonly string[],
  shard: Shard,
  durations: ReadonlyMap<string, number> = new Map(),
): Set<string> {
  const known = ids.map((id) => durations.get(id)).filter((d): d is number => d !== undefined && d >= 0);
  const fallback = known.length > 0 ? known.reduce((a, b) => a + b, 0) / known.length : 1;
  const weighted = [...new Set(ids)]
    .map((id) => ({ id, weight: durations.get(id) ?? fallback }))
    .sort((a, b) => b.weight - a.weight || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const load = new Array<number>(shard.total).fill(0);
  const mine = new Set<string>();
  for (const { id, weight } of weighted) {
    let target = 0;
    for (let i = 1; i < load.length; i++) if (load[i]! < load[target]!) target = i;
    load[target]! += weight;
    if (target === shard.index - 1) mine.add(id);
  }
  return mine;
}
