// What fault validation needs to know about operations (method, message API or not), read from a SpecIndex.
import { loadSpec, type SpecIndex } from "../../spec/index.js";
import type { OperationFacts } from "./validate-faults.js";

const cache = new WeakMap<SpecIndex, OperationFacts>();

export function operationFacts(spec: SpecIndex): OperationFacts {
  let facts = cache.get(spec);
  if (!facts) {
    facts = {
      operations: new Map(
        spec.operations.map((op) => [
          op.operationId,
          { method: op.method.toUpperCase(), message: op.path.endsWith(":send") },
        ]),
      ),
    };
    cache.set(spec, facts);
  }
  return facts;
}

/** For state files validated before any server exists (the CLI, the runner's seed step): hubkit's own spec. */
export function defaultOperationFacts(): OperationFacts {
  return operationFacts(loadSpec());
}
