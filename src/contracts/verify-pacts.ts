// Verifies pact files against a provider (hubkit's mock or a live service): one verdict per interaction.
import { request } from "undici";
import type { SpecIndex } from "../spec/index.js";
import type { InteractionVerdict } from "./interaction-verdict.js";
import { type PactFile, type PactInteraction, readPactFile } from "./pact-file.js";
import { type ProviderState, parseProviderState } from "./provider-states.js";
import { startVerifierProcess, type VerifierProcess } from "./run-verifier.js";
import type { StateRealiser } from "./state-realiser.js";
import { operationOf } from "./static-check.js";
import type { StateCallMessage } from "./verifier-messages.js";
import { readVerifierResult } from "./verifier-result.js";

export interface PactProvider {
  /** REST endpoint, e.g. `http://127.0.0.1:50123`. */
  baseUrl: string;
  /** Signs the fresh token each request carries (consumers' pacts carry none). */
  accessKey: string;
  states: StateRealiser;
}

export interface VerifyPactsOptions {
  pactFiles: readonly string[];
  provider: PactProvider;
  /** Default: hubkit's OpenAPI document (for operation ids in the report and the api-version added to requests). */
  spec: SpecIndex;
  /** Called as each interaction's verdict is known (the CLI prints a line). */
  onVerdict?: (verdict: InteractionVerdict) => void;
  requestTimeoutMs?: number;
}

/** What is known about an interaction before anything runs: its parsed states, or why it fails or is skipped. */
interface Precheck {
  states: ProviderState[];
  failed: string[];
  skipped?: string;
}

export async function verifyPacts(options: VerifyPactsOptions): Promise<InteractionVerdict[]> {
  const spec = options.spec;
  const pacts = options.pactFiles.map(readPactFile);
  const unreachable = await probe(options.provider.baseUrl);
  // Started on first use: pacts whose interactions all fail their checks up front need no verifier.
  let verifier: VerifierProcess | undefined;
  const getVerifier = () => {
    verifier ??= startVerifierProcess(options.provider.baseUrl);
    return verifier;
  };
  const verdicts: InteractionVerdict[] = [];
  try {
    for (const pact of pacts) {
      const context = { pact, spec, options, getVerifier, unreachable };
      for (const verdict of await verifyPact(context)) {
        verdicts.push(verdict);
        options.onVerdict?.(verdict);
      }
    }
  } finally {
    await verifier?.close();
    await options.provider.states.close();
  }
  return verdicts;
}

interface PactContext {
  pact: PactFile;
  spec: SpecIndex;
  options: VerifyPactsOptions;
  getVerifier: () => VerifierProcess;
  unreachable: string | undefined;
}

async function verifyPact({
  pact,
  spec,
  options,
  getVerifier,
  unreachable,
}: PactContext): Promise<InteractionVerdict[]> {
  const { states } = options.provider;
  const prechecks = pact.interactions.map((interaction) => precheck(interaction, states));
  const stateErrors: string[][] = pact.interactions.map(() => []);
  const needsRun = prechecks.some((p) => p.failed.length === 0 && !p.skipped);
  let outcomes: ReturnType<typeof readVerifierResult> | undefined;
  let crash = unreachable;
  if (needsRun && !crash) {
    const onState = createStateDispatcher({ pact, prechecks, states, stateErrors });
    try {
      const json = await getVerifier().verify({
        pactFile: pact.file,
        provider: pact.provider,
        providerBaseUrl: options.provider.baseUrl,
        accessKey: options.provider.accessKey,
        apiVersion: spec.apiVersion,
        onState,
        ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
      });
      outcomes = readVerifierResult(json, pact);
    } catch (error) {
      crash = `the Pact verifier failed: ${(error as Error).message}`;
    } finally {
      await states.reset().catch(() => undefined);
    }
  }
  return pact.interactions.map((interaction, i) => {
    const verdict = decide({ prechecks: prechecks[i]!, stateErrors: stateErrors[i]!, outcome: outcomes?.[i], crash });
    const operationId = operationOf(interaction, spec);
    const status = verdict.outcome === "passed" ? interaction.response.status : outcomes?.[i]?.actualStatus;
    return {
      pact: { file: pact.file, consumer: pact.consumer, provider: pact.provider },
      interaction,
      ...verdict,
      ...(operationId ? { operationId } : {}),
      ...(status !== undefined && verdict.outcome !== "skipped" ? { status } : {}),
    };
  });
}

function precheck(interaction: PactInteraction, realiser: StateRealiser): Precheck {
  const result: Precheck = { states: [], failed: [] };
  if (interaction.type !== "Synchronous/HTTP") {
    result.failed.push(`${interaction.type} interactions are not part of this HTTP API; hubkit verifies HTTP only`);
  }
  for (const raw of interaction.providerStates) {
    const parsed = parseProviderState(raw);
    if (!parsed.ok) result.failed.push(parsed.message);
    else result.states.push(parsed.state);
  }
  if (result.failed.length === 0) {
    const reasons = result.states.map((s) => realiser.whyNot(s, interaction)).filter((r) => r !== undefined);
    if (reasons.length > 0) result.skipped = reasons.join("; ");
  }
  return result;
}

interface DispatcherContext {
  pact: PactFile;
  prechecks: Precheck[];
  states: StateRealiser;
  stateErrors: string[][];
}

/**
 * The verifier runs interactions in file order: setup calls (one per state, or one with `""` when stateless), the
 * request, then teardown calls. The first setup after a teardown starts the next interaction, so it resets state.
 */
function createStateDispatcher({ pact, prechecks, states, stateErrors }: DispatcherContext) {
  let index = -1;
  let phase: "idle" | "setup" | "teardown" = "idle";
  return async (call: StateCallMessage): Promise<Record<string, unknown> | undefined> => {
    if (call.action === "teardown") {
      phase = "teardown";
      return undefined;
    }
    if (phase !== "setup") {
      index = nextInteraction(pact, index, call.state);
      phase = "setup";
      await states.reset();
    }
    const check = prechecks[index];
    if (call.state === "" || !check || check.failed.length > 0 || check.skipped) return undefined;
    const state = check.states.find((s) => s.name === call.state && sameParams(s, call.params));
    if (!state) return undefined;
    try {
      return await states.setup(state);
    } catch (error) {
      stateErrors[index]?.push(`provider state "${call.state}" could not be set up: ${(error as Error).message}`);
      return undefined;
    }
  };
}

/** The next interaction whose first state is `state` (`""` = stateless); normally simply the next one. */
function nextInteraction(pact: PactFile, current: number, state: string): number {
  for (let i = current + 1; i < pact.interactions.length; i++) {
    if ((pact.interactions[i]!.providerStates[0]?.name ?? "") === state) return i;
  }
  return current + 1;
}

function sameParams(state: ProviderState, params: Record<string, unknown>): boolean {
  return Object.entries(params).every(
    ([key, value]) => String((state as unknown as Record<string, unknown>)[key]) === String(value),
  );
}

function decide(input: {
  prechecks: Precheck;
  stateErrors: string[];
  outcome: ReturnType<typeof readVerifierResult>[number] | undefined;
  crash: string | undefined;
}): Pick<InteractionVerdict, "outcome" | "reasons" | "durationMs"> {
  const { prechecks, stateErrors, outcome, crash } = input;
  if (prechecks.failed.length > 0) return { outcome: "failed", reasons: prechecks.failed, durationMs: 0 };
  if (prechecks.skipped) return { outcome: "skipped", reasons: [prechecks.skipped], durationMs: 0 };
  if (crash || !outcome)
    return { outcome: "errored", reasons: [crash ?? "the verifier gave no result"], durationMs: 0 };
  if (stateErrors.length > 0) return { outcome: "failed", reasons: stateErrors, durationMs: outcome.durationMs };
  if (outcome.passed) return { outcome: "passed", reasons: [], durationMs: outcome.durationMs };
  return { outcome: "failed", reasons: outcome.failures, durationMs: outcome.durationMs };
}

/** A provider that does not answer at all would make the verifier wait out every request; say so at once instead. */
async function probe(baseUrl: string): Promise<string | undefined> {
  try {
    const response = await request(`${baseUrl.replace(/\/$/, "")}/api/health`, {
      method: "HEAD",
      headersTimeout: 10_000,
      bodyTimeout: 10_000,
    });
    await response.body.dump();
    return undefined;
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code;
    return `cannot reach the provider at ${baseUrl} (${cause ?? (error as Error).message})`;
  }
}
