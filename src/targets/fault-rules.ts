// Fault rules as a target's `faults` control takes them (docs/faults.md), checked at suite load by the `fault` step.
import { type FaultProblem, operationFacts, validateFaults } from "../mock/faults/index.js";
import type { SpecIndex } from "../spec/index.js";

export type { FaultProblem };

/** Every problem in a list of rules, with its path from the list (`[0, "match", "operation"]`); none when valid. */
export function checkFaultRules(rules: readonly unknown[], spec: Pick<SpecIndex, "operations">): FaultProblem[] {
  return validateFaults(rules, operationFacts(spec), []).problems;
}
