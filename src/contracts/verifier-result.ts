// Reads the Pact Verifier's JSON result into one outcome per interaction of the pact file, in file order.
import type { PactFile } from "./pact-file.js";

export interface VerifierOutcome {
  passed: boolean;
  /** One line per mismatch, e.g. `expected 202 but was 404`. */
  failures: string[];
  durationMs: number;
  /** The status the provider answered, when the verifier reported a status mismatch. */
  actualStatus?: number;
}

interface VerifierJson {
  interactionResults?: Array<{ description?: string; duration?: string; result?: string }>;
  errors?: Array<{ interaction?: string; mismatch?: Mismatch }>;
}

type Mismatch =
  | { type: "mismatches"; mismatches?: Array<{ mismatch?: string; type?: string; actual?: unknown }> }
  | { type: "error"; message?: string }
  | { type?: string; message?: string };

/** Interactions the verifier did not report (it should report all) come back as failed, saying so. */
export function readVerifierResult(json: string, pact: PactFile): VerifierOutcome[] {
  const parsed = JSON.parse(json) as VerifierJson;
  const results = parsed.interactionResults ?? [];
  const errors = (parsed.errors ?? []).map((e) => ({ ...e, used: false }));
  let cursor = 0;
  return pact.interactions.map((interaction) => {
    const index = results.findIndex((r, i) => i >= cursor && r.description === interaction.description);
    if (index < 0) {
      const failure = "the Pact verifier did not run this interaction (it could not read it from the pact file)";
      return { passed: false, failures: [failure], durationMs: 0 };
    }
    cursor = index + 1;
    const result = results[index]!;
    const durationMs = parseDuration(result.duration ?? "");
    if (result.result === "OK") return { passed: true, failures: [], durationMs };
    const error = errors.find((e) => !e.used && e.interaction?.includes(` - ${interaction.description}`));
    if (error) error.used = true;
    const failures = error?.mismatch ? describe(error.mismatch) : [];
    const outcome: VerifierOutcome = {
      passed: false,
      failures: failures.length > 0 ? failures : [`verifier result: ${result.result}`],
      durationMs,
    };
    const actual = error?.mismatch ? statusOf(error.mismatch) : undefined;
    if (actual !== undefined) outcome.actualStatus = actual;
    return outcome;
  });
}

function describe(mismatch: Mismatch): string[] {
  if (mismatch.type === "mismatches" && "mismatches" in mismatch) {
    return (mismatch.mismatches ?? []).map((m) => oneLine(m.mismatch ?? m.type ?? "mismatch"));
  }
  return "message" in mismatch && mismatch.message ? [oneLine(mismatch.message)] : [];
}

function statusOf(mismatch: Mismatch): number | undefined {
  if (mismatch.type !== "mismatches" || !("mismatches" in mismatch)) return undefined;
  const status = mismatch.mismatches?.find((m) => m.type === "StatusMismatch")?.actual;
  return typeof status === "number" ? status : undefined;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}

/** The verifier writes durations like `72ms`, `30s 23ms`, `1m 53ms`. */
export function parseDuration(text: string): number {
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+(?:\.\d+)?)\s*(ms|s|m|h)\b/g)) {
    total += Number(amount) * (units[unit!] ?? 0);
  }
  return Math.round(total);
}
