// `hubkit verify --static` as verdicts: every interaction of every pact file checked against the spec.
import type { SpecIndex } from "../spec/index.js";
import type { InteractionVerdict } from "./interaction-verdict.js";
import { readPactFile } from "./pact-file.js";
import { checkPactAgainstSpec } from "./static-check.js";

export function checkStatically(
  files: readonly string[],
  spec: SpecIndex,
  onVerdict?: (verdict: InteractionVerdict) => void,
): InteractionVerdict[] {
  const pacts = files.map(readPactFile);
  const verdicts: InteractionVerdict[] = [];
  for (const pact of pacts) {
    for (const checked of checkPactAgainstSpec(pact, spec)) {
      const verdict: InteractionVerdict = {
        pact: { file: pact.file, consumer: pact.consumer, provider: pact.provider },
        interaction: checked.interaction,
        outcome: checked.mismatches.length > 0 ? "failed" : "passed",
        reasons: checked.mismatches.map((m) => `[${m.kind}] ${m.message}`),
        durationMs: 0,
        ...(checked.operationId ? { operationId: checked.operationId } : {}),
      };
      verdicts.push(verdict);
      onVerdict?.(verdict);
    }
  }
  return verdicts;
}
