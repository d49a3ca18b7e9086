// The outcome of one pact interaction (verified or statically checked), as a console line and as a report test.
import { relative } from "node:path";
import type { CheckResult, StepResult, TestResult } from "../results/result.js";
import { escapeTerminalLine } from "../terminal-text.js";
import type { PactFile, PactInteraction } from "./pact-file.js";

export type VerdictOutcome = "passed" | "failed" | "skipped" | "errored";

export interface InteractionVerdict {
  pact: Pick<PactFile, "file" | "consumer" | "provider">;
  interaction: PactInteraction;
  outcome: VerdictOutcome;
  /** The mismatches (failed), the skip reason (skipped) or the error (errored); empty when passed. */
  reasons: string[];
  durationMs: number;
  /** The spec operation the interaction's request routes to, when it routes to one. */
  operationId?: string;
  /** The status the provider answered (the pact's own status when it passed). */
  status?: number;
}

const MARKS: Record<VerdictOutcome, string> = { passed: "✓", failed: "✗", skipped: "-", errored: "!" };

/** `✗ example-notifier › notifies a user` */
export function formatVerdictHead(verdict: InteractionVerdict): string {
  const name = `${verdict.pact.consumer} › ${verdict.interaction.description}`;
  return `${MARKS[verdict.outcome]} ${escapeTerminalLine(name)}`;
}

/** `✗ example-notifier › notifies a user: expected 202 but was 404` */
export function formatVerdict(verdict: InteractionVerdict): string {
  const head = formatVerdictHead(verdict);
  if (verdict.outcome === "passed") return `${head} (${Math.round(verdict.durationMs)} ms)`;
  const label = verdict.outcome === "failed" ? "" : `${verdict.outcome}: `;
  return `${head}: ${label}${escapeTerminalLine(verdict.reasons.join("; "))}`;
}

export function verdictToTest(verdict: InteractionVerdict, checkKind: "pact" | "static"): TestResult {
  const { pact, interaction } = verdict;
  const file = relative(process.cwd(), pact.file) || pact.file;
  const position = { ...interaction.position, file };
  const states = interaction.providerStates.map((s) => `given ${s.name} ${JSON.stringify(s.params)}`).join(", ");
  const checks: CheckResult[] =
    verdict.outcome === "failed"
      ? verdict.reasons.map((reason) => ({ kind: checkKind, outcome: "failed", title: reason, position }))
      : verdict.outcome === "passed"
        ? [{ kind: checkKind, outcome: "passed", title: passedTitle(verdict, checkKind), position }]
        : [];
  const base = {
    kind: checkKind === "pact" ? "interaction" : "static-check",
    title: `${interaction.request.method} ${interaction.request.path} → ${interaction.response.status}${states ? ` (${states})` : ""}`,
    position,
    durationMs: verdict.durationMs,
    checks,
    // A static check sends nothing, so only a Pact verification has a status to report.
    ...(verdict.status !== undefined && checkKind === "pact"
      ? { http: { status: verdict.status, ...(verdict.operationId ? { operationId: verdict.operationId } : {}) } }
      : {}),
  };
  const step: StepResult =
    verdict.outcome === "failed"
      ? { ...base, outcome: "failed", failure: verdict.reasons.join("; ") }
      : verdict.outcome === "skipped"
        ? { ...base, outcome: "skipped", reason: verdict.reasons.join("; ") }
        : verdict.outcome === "errored"
          ? { ...base, outcome: "errored", error: { title: "Verification error", message: verdict.reasons.join("; ") } }
          : { ...base, outcome: "passed" };
  const suite = `${pact.consumer} → ${pact.provider}`;
  const test = {
    id: `${suite} › ${interaction.description}`,
    suite,
    name: interaction.description,
    file,
    position,
    tags: [checkKind === "pact" ? "pact" : "pact-static"],
    durationMs: verdict.durationMs,
    steps: [step],
  };
  return verdict.outcome === "skipped"
    ? { ...test, outcome: "skipped", skipReason: verdict.reasons.join("; ") }
    : { ...test, outcome: verdict.outcome };
}

function passedTitle(verdict: InteractionVerdict, kind: "pact" | "static"): string {
  return kind === "pact"
    ? `the provider's answer matches the pact (status ${verdict.interaction.response.status})`
    : "the interaction matches the spec";
}
