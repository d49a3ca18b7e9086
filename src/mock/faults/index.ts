// Public surface of the mock's faults: rules from state files, flags, the admin API and suites; attempt accounting.
import { HubkitError, HubkitErrorList } from "../../errors.js";
import type { SpecIndex } from "../../spec/index.js";
import type { MockEvents } from "../events.js";
import { AttemptLog } from "./attempts.js";
import { FaultSet } from "./fault-set.js";
import { operationFacts } from "./operation-facts.js";
import { RestFaults } from "./rest-faults.js";
import { TransportFaults } from "./transport-faults.js";
import type { FaultRule } from "./types.js";
import { UpgradeFaults } from "./upgrade-faults.js";
import { type FaultProblem, formatFaultPath, validateFaults } from "./validate-faults.js";

export { type Attempt, type AttemptGroup, AttemptLog, retryAfterMs } from "./attempts.js";
export { type ConnectionFacts, FaultSet, type RuleStatus } from "./fault-set.js";
export { operationFacts } from "./operation-facts.js";
export { FAULT_PROFILES } from "./profiles.js";
export { type FaultableConnection, TransportFaults } from "./transport-faults.js";
export type { FaultEffect, FaultMatch, FaultRule, LatencySpec } from "./types.js";
export { type FaultProblem, formatFaultPath, validateFaults } from "./validate-faults.js";

export const FAULTS_INVALID = "E_FAULTS_INVALID";

export interface MockFaultsOptions {
  spec: SpecIndex;
  events: MockEvents;
  log: (line: string) => void;
  /** Record attempts even without rules. */
  recordAttempts?: boolean;
}

/** The mock's fault controls: one per mock instance. */
export class MockFaults {
  readonly set: FaultSet;
  readonly attempts = new AttemptLog();
  readonly rest: RestFaults;
  readonly transport: TransportFaults;
  /** Rules on WebSocket upgrades (skipNegotiation clients connect with the upgrade alone). */
  readonly upgrades: UpgradeFaults;
  /** Warnings of every rule added so far (printed by the CLI at start). */
  readonly warnings: string[] = [];
  private readonly spec: SpecIndex;

  constructor(options: MockFaultsOptions) {
    this.spec = options.spec;
    this.set = new FaultSet(() => performance.now(), { recordAttempts: options.recordAttempts === true });
    this.rest = new RestFaults({
      faults: this.set,
      router: options.spec.router,
      events: options.events,
      attempts: this.attempts,
      log: options.log,
      now: () => Date.now(),
    });
    this.transport = new TransportFaults(this.set, options.events, options.log);
    this.upgrades = new UpgradeFaults(this.set, options.events, options.log);
  }

  /** True once a rule was added or recording was asked for: the server's one check per request. */
  get active(): boolean {
    return this.set.active;
  }

  /**
   * Validates and adds rules (a `faults:` list); throws a `HubkitErrorList` naming every problem. Returns the added
   * rules and the warnings (rules that match nothing, latencies no client waits for).
   */
  add(raw: unknown, source: string): { added: FaultRule[]; warnings: FaultProblem[] } {
    const result = validateFaults(raw, operationFacts(this.spec));
    if (result.problems.length > 0) throw faultsError(result.problems, source);
    const added = this.set.add(result.rules, source);
    this.transport.added(added);
    this.warnings.push(...result.warnings.map((w) => `${source}: ${formatFaultPath(w.path)}: ${w.message}`));
    return { added, warnings: result.warnings };
  }

  close(): void {
    this.rest.close();
    this.transport.close();
    this.upgrades.close();
  }
}

export function faultsError(problems: readonly FaultProblem[], source: string): HubkitErrorList {
  return new HubkitErrorList(
    problems.map(
      (p) =>
        new HubkitError(`${formatFaultPath(p.path)}: ${p.message}`, {
          code: FAULTS_INVALID,
          ...(p.hint ? { hint: p.hint } : {}),
        }),
    ),
    `${problems.length} problem(s) in the fault rules of ${source}`,
  );
}
