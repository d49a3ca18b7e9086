// A map keyed by an operation x status pair, so coverage and diff code never build and re-parse "op status" strings.

import type { OperationStatus } from "../results/result.js";

/** Insertion-ordered like Map; `keys()` gives back the typed pairs. */
export class OperationStatusMap<V> {
  readonly #byOperation = new Map<string, Map<number, V>>();

  get(key: OperationStatus): V | undefined {
    return this.#byOperation.get(key.operationId)?.get(key.status);
  }

  set(key: OperationStatus, value: V): this {
    let statuses = this.#byOperation.get(key.operationId);
    if (!statuses) {
      statuses = new Map();
      this.#byOperation.set(key.operationId, statuses);
    }
    statuses.set(key.status, value);
    return this;
  }

  *entries(): IterableIterator<[OperationStatus, V]> {
    for (const [operationId, statuses] of this.#byOperation) {
      for (const [status, value] of statuses) yield [{ operationId, status }, value];
    }
  }

  *keys(): IterableIterator<OperationStatus> {
    for (const [key] of this.entries()) yield key;
  }
}
