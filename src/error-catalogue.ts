// The usage-error catalogue: every `HubkitError` code with its title, a hint for a newcomer and its exit code.
// docs/errors.md is generated from this table (test/errors/error-catalogue.test.ts keeps the two equal).
import { EXIT_CODES, type ExitCode } from "./exit-codes.js";

export interface UsageErrorEntry {
  /** A short name for the kind of problem (the docs' heading). */
  title: string;
  /** What to do about it; printed when the call site has no more specific hint. */
  hint: string;
  exitCode: ExitCode;
}

const usage = EXIT_CODES.usage;

/** Keyed by the stable code; sorted by area so the docs read as a list of places where things go wrong. */
export const USAGE_ERRORS = {
  // Command-line flags and commands
  E_USAGE: {
    title: "Invalid command-line flags",
    hint: "Run the command with --help for its flags and an example.",
    exitCode: usage,
  },
  E_INVALID: {
    title: "Invalid input",
    hint: "Read the problems listed above; each names the file position and the field.",
    exitCode: usage,
  },
  E_GATE: {
    title: "Invalid gate percentage",
    hint: "Give --min-pass and --min-coverage a number from 0 to 100, for example --min-pass 95.",
    exitCode: usage,
  },
  E_SHARD_INVALID: {
    title: "Invalid --shard or --durations",
    hint: "Write --shard INDEX/TOTAL with 1 <= INDEX <= TOTAL (e.g. --shard 2/4); --durations needs --shard.",
    exitCode: usage,
  },
  E_NO_TESTS: {
    title: "No test matches the filters",
    hint: "Check --grep, --tag and --skip-tag against the test names and tags in the suites.",
    exitCode: usage,
  },
  E_REPORTER: {
    title: "Unknown or unsupported reporter",
    hint: "Pick reporters from the list in the command's --help (e.g. --reporter console,json).",
    exitCode: usage,
  },
  E_REPORT_INPUT: {
    title: "Unreadable conformance report",
    hint: "Pass a conformance.json written by `hubkit run` (reports/conformance.json by default).",
    exitCode: usage,
  },
  E_MERGE_MISMATCH: {
    title: "Reports that cannot be merged",
    hint: "Merge only the shards of one run: the same hubkit version, suites and API version.",
    exitCode: usage,
  },
  E_INIT_EXISTS: {
    title: "hubkit init would overwrite files",
    hint: "Move or delete those files, or run `hubkit init --force`.",
    exitCode: usage,
  },
  E_INIT_WRITE: {
    title: "hubkit init cannot write a file",
    hint: "Check that the directory exists and is writable.",
    exitCode: usage,
  },
  // Credentials and tokens
  E_CONNECTION_STRING: {
    title: "Invalid connection string",
    hint: 'Copy it from the resource\'s Keys page: "Endpoint=https://<name>.service.signalr.net;AccessKey=<key>;Version=1.0;".',
    exitCode: usage,
  },
  E_ACCESS_KEY: {
    title: "Missing or empty access key",
    hint: "Check the AccessKey of the connection string, or --access-key.",
    exitCode: usage,
  },
  E_TOKEN_OPTIONS: {
    title: "Invalid token options",
    hint: "Give the token's lifetime as a finite number of seconds.",
    exitCode: usage,
  },
  // Suites
  E_SUITE_PATH: {
    title: "Suite path not found or unreadable",
    hint: "Pass suite files or folders that exist (e.g. `hubkit run suites`), or --builtin for hubkit's own.",
    exitCode: usage,
  },
  E_SUITE_YAML: {
    title: "YAML syntax error in a suite",
    hint: "Check indentation, quotes and brackets around the position shown.",
    exitCode: usage,
  },
  E_SUITE_INVALID: {
    title: "Suite does not match the schema",
    hint: "Compare the field with docs/suites.md; editors check suites live against spec/suite.schema.json.",
    exitCode: usage,
  },
  E_SUITE_STEP_KIND: {
    title: "Unknown step kind",
    hint: "Each step has exactly one kind (call, request, connect, expectMessage, wait, ...); see docs/suites.md.",
    exitCode: usage,
  },
  E_SUITE_OPERATION: {
    title: "Unknown operationId",
    hint: "Use an operationId of the spec (spec/signalr-*.yaml) for the suite's API version.",
    exitCode: usage,
  },
  E_SUITE_VARIABLE: {
    title: "Unknown or misplaced variable",
    hint: `Define it under "variables:" or capture it in an earlier step before using \${name}.`,
    exitCode: usage,
  },
  E_SUITE_TEMPLATE: {
    title: `Malformed \${...} template`,
    hint: `Write \${name}; use $\${ for a literal \${.`,
    exitCode: usage,
  },
  E_SUITE_ENV: {
    title: "Environment variable not set",
    hint: `Set the variable before running, or give the reference a default: \${env.NAME:-value}.`,
    exitCode: usage,
  },
  E_SUITE_CLIENT: {
    title: "Unknown client name",
    hint: "Open the client with a `connect:` step earlier in the same test.",
    exitCode: usage,
  },
  E_SUITE_FIXTURE: {
    title: "Invalid seed fixture in a suite",
    hint: "A `seed:` step takes the state-file format (mocks/*.yaml show every field).",
    exitCode: usage,
  },
  E_SUITE_FAULT: {
    title: "Invalid fault rule in a suite",
    hint: "A `fault:` step takes the rules of docs/faults.md.",
    exitCode: usage,
  },
  E_SUITE_API_VERSION: {
    title: "Suite targets an unknown API version",
    hint: "Use an API version hubkit has a spec for, or run with that version's spec (--api-version).",
    exitCode: usage,
  },
  E_SUITE_DUPLICATE_TEST: {
    title: "Two tests with the same name",
    hint: "Rename one: reports, --grep and --shard identify tests by suite and name.",
    exitCode: usage,
  },
  E_SUITE_TOO_MANY: {
    title: "Too many problems in one file",
    hint: "Only the first problems are listed; they are often one mistake repeated. Fix them and run again.",
    exitCode: usage,
  },
  E_SUITE_TOO_LARGE: {
    title: "Suite file too large",
    hint: "Split the suite into several files.",
    exitCode: usage,
  },
  // Mock state, faults and upstream settings
  E_FIXTURE_FILE: {
    title: "State file not found or unreadable",
    hint: "Pass a state file that exists (mocks/default.yaml is an example).",
    exitCode: usage,
  },
  E_FIXTURE_INVALID: {
    title: "Invalid mock state",
    hint: "Compare the field with mocks/default.yaml and the state-file section of the README.",
    exitCode: usage,
  },
  E_FIXTURE_TOO_LARGE: {
    title: "State file too large",
    hint: "Split it, or seed the rest at run time with POST /_hubkit/fixtures.",
    exitCode: usage,
  },
  E_FAULTS_INVALID: {
    title: "Invalid fault rules",
    hint: "Compare the rule with docs/faults.md.",
    exitCode: usage,
  },
  E_UPSTREAM_SETTINGS: {
    title: "Invalid upstream settings",
    hint: "Compare the file with the emulator's settings.json (`asrs-emulator upstream init` writes one).",
    exitCode: usage,
  },
  E_UPSTREAM_SETTINGS_FILE: {
    title: "Upstream settings file not found or unreadable",
    hint: "Pass the emulator's settings.json, or use --upstream URL.",
    exitCode: usage,
  },
  E_DEFAULT_KEY_ON_NETWORK: {
    title: "Published access key on a network address",
    hint: "Pass your own key with --access-key, listen on 127.0.0.1, or add --allow-default-key-on-network.",
    exitCode: usage,
  },
  // Ports and processes
  E_PORT_IN_USE: {
    title: "Port already in use",
    hint: "Stop the other process, pick another --port, or pass --port 0 for a free one.",
    exitCode: usage,
  },
  E_LISTEN: {
    title: "Cannot listen on the address",
    hint: "Check --host (an address of this machine, e.g. 127.0.0.1) and --port (0 to 65535).",
    exitCode: usage,
  },
  E_PRISM_START: {
    title: "Prism did not start",
    hint: "Check that the OpenAPI document loads and that the port is free.",
    exitCode: usage,
  },
  E_PRISM_UPSTREAM: {
    title: "Prism proxy without an upstream",
    hint: "Pass --upstream with the URL of the service to forward to.",
    exitCode: usage,
  },
  // Pact contracts
  E_PACT_PATH: {
    title: "Pact path not found",
    hint: "Pass pact files or folders that exist (e.g. `hubkit verify contracts`).",
    exitCode: usage,
  },
  E_PACT_NONE: {
    title: "No pact files found",
    hint: "Pass a folder that holds *.json pact files, or a Pact Broker with --broker-url.",
    exitCode: usage,
  },
  E_PACT_READ: {
    title: "Unreadable pact file",
    hint: "Check that the file exists and is readable.",
    exitCode: usage,
  },
  E_PACT_INVALID: {
    title: "Invalid pact file",
    hint: "Pass pact files written by a Pact consumer test (pact-js, pact-jvm, pact-net, ...).",
    exitCode: usage,
  },
  E_BROKER: {
    title: "Pact Broker request failed",
    hint: "Check --broker-url and the broker credentials (PACT_BROKER_TOKEN, or username and password).",
    exitCode: usage,
  },
} as const satisfies Record<string, UsageErrorEntry>;

/** A code of the catalogue: constructing a `HubkitError` with any other string does not compile. */
export type UsageErrorCode = keyof typeof USAGE_ERRORS;
