// `verifyPacts()`: `hubkit verify` as a function: pact files (or a Pact Broker) in, the verification result out.
import { executeVerify } from "../cli/verify-action.js";
import type { RunResult } from "../results/result.js";

export interface VerifyPactsOptions {
  /** Pact files or folders, relative to `cwd` (default: contracts/). Leave out with `broker`. */
  pacts?: readonly string[];
  /** `"mock"` (default: hubkit's stateful mock, in-process) or a provider's connection string (live, or a running mock). */
  target?: "mock" | { connectionString: string };
  /** Check against the OpenAPI document only; no provider. */
  static?: boolean;
  /** Read the pacts from a Pact Broker; `publish` needs `providerVersion`. */
  broker?: {
    url: string;
    token?: string;
    username?: string;
    password?: string;
    /** Default `azure-signalr-rest`. */
    providerName?: string;
    consumerVersionSelectors?: unknown[];
    providerVersion?: string;
    publish?: boolean;
  };
  /** Report files to write (json, junit, html, md); default none. */
  reporters?: readonly string[];
  /** Default `reports`, relative to `cwd`. */
  outDir?: string;
  /** Default process.cwd(). */
  cwd?: string;
  /** One line per interaction; default: nothing printed. */
  log?: (line: string) => void;
}

export interface VerifyPactsResult {
  /** 0 all passed (skips allowed), 1 failures or errors. */
  exitCode: number;
  result: RunResult;
}

/** Verifies; rejects with a `HubkitError` for bad options, missing pacts or an unreachable broker. */
export async function verifyPacts(options: VerifyPactsOptions = {}): Promise<VerifyPactsResult> {
  const broker = options.broker;
  let result: RunResult | undefined;
  const exitCode = await executeVerify(
    options.pacts ?? [],
    {
      ...(options.target === "mock" ? { target: "mock" as const } : {}),
      ...(typeof options.target === "object" ? { connectionString: options.target.connectionString } : {}),
      ...(options.static ? { static: true } : {}),
      reporter: options.reporters?.length ? [...options.reporters] : ["json"],
      report: (options.reporters?.length ?? 0) > 0,
      outDir: options.outDir ?? "reports",
      providerName: broker?.providerName ?? "azure-signalr-rest",
      ...(broker
        ? {
            brokerUrl: broker.url,
            ...(broker.token ? { brokerToken: broker.token } : {}),
            ...(broker.username !== undefined ? { brokerUsername: broker.username } : {}),
            ...(broker.password !== undefined ? { brokerPassword: broker.password } : {}),
            ...(broker.consumerVersionSelectors ? { consumerVersionSelectors: broker.consumerVersionSelectors } : {}),
            ...(broker.providerVersion ? { providerVersion: broker.providerVersion } : {}),
            ...(broker.publish ? { publish: true } : {}),
          }
        : {}),
    },
    {
      stdout: (text) => options.log?.(text.replace(/\n$/, "")),
      stderr: (text) => options.log?.(text.replace(/\n$/, "")),
      setExitCode: () => undefined,
      // The caller's options are the whole configuration: no PACT_BROKER_* or connection string from the shell.
      env: {},
      cwd: options.cwd ?? process.cwd(),
    },
    (r) => {
      result = r;
    },
  );
  return { exitCode, result: result! };
}
