// What fault validation needs to know about operations (method, message API or not), read from a SpecIndex.
import type { SpecIndex } from "../../spec/index.js";
import type { OperationFacts } from "./validate-faults.js";

const cache = new WeakMap<object, OperationFacts>();

export function operationFacts(spec: Pick<SpecIndex, "operations">): OperationFacts {
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
