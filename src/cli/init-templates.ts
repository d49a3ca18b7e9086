// The files `hubkit init` writes into a project: an example suite, a mock state, a contracts folder and a CI workflow.

export interface Template {
  /** Relative to the project folder, with forward slashes. */
  path: string;
  text: string;
}

const EXAMPLE_SUITE = `# yaml-language-server: $schema=../node_modules/signalr-hubkit/spec/suite.schema.json
# Your first hubkit suite. Run it with \`npx hubkit run\` (against the built-in mock), or against your own resource:
#   npx hubkit run --connection-string "Endpoint=https://<name>.service.signalr.net;AccessKey=...;Version=1.0;"
# The format: https://www.npmjs.com/package/signalr-hubkit (docs/suites.md); \`npx hubkit run --builtin\` adds
# hubkit's own conformance suites to yours.
name: example
variables:
  hub: chat\${run.id} # \${run.id} keeps runs that share a live resource apart
tests:
  - name: the service is healthy
    steps:
      - call: HealthApi_GetServiceStatus
        expect: { status: 200 }
  - name: a user receives what is sent to them
    steps:
      - connect: alice # a real @microsoft/signalr client
        hub: \${hub}
        user: alice
      - call: SignalR_SendToUser # an operationId of the spec; api-version and the token are added
        params: { hub: "\${hub}", user: alice }
        body: { target: newMessage, arguments: [hello] }
        expect: { status: 202 }
      - expectMessage: alice
        target: newMessage
        arguments: [hello]
`;

const STATE = `# A state for \`npx hubkit mock --state mocks/state.yaml\`: hubs, connections, users and groups to start from.
# Connections here are virtual (no socket); they record what they are sent (GET /_hubkit/messages?hub=chat).
server:
  port: 8888 # 0 picks a free port
hubs:
  chat:
    connections:
      - id: alice-laptop
        user: alice
        groups: [lobby]
    userGroups:
      - user: bob
        group: lobby
        ttl: 3600
`;

const CONTRACTS = `# Consumer contracts

Put the Pact files of the services that call the Azure SignalR Service REST API here, then verify them against
hubkit's stateful mock:

    npx hubkit verify contracts/            # against the mock, in-process
    npx hubkit verify contracts/ --static   # against the OpenAPI document alone

Pact Broker users: \`npx hubkit verify --broker-url https://broker.example.com --provider-version "$GIT_SHA" --publish\`.
`;

const WORKFLOW = `# SignalR conformance gate, written by \`npx hubkit init\`. Without the secret it runs against the built-in mock.
name: hubkit
on: [push, pull_request]
jobs:
  conformance:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      - run: npm ci
      - name: SignalR conformance
        run: npx hubkit run --builtin --min-pass 100
        env:
          HUBKIT_CONNECTION_STRING: \${{ secrets.SIGNALR_CONNECTION_STRING }}
      - name: Summary
        if: always()
        run: cat reports/summary.md >> "$GITHUB_STEP_SUMMARY"
      - name: Reports
        if: always()
        uses: actions/upload-artifact@v4
        with:
          name: hubkit-reports
          path: reports/
`;

export const INIT_TEMPLATES: readonly Template[] = [
  { path: "suites/example.yaml", text: EXAMPLE_SUITE },
  { path: "mocks/state.yaml", text: STATE },
  { path: "contracts/README.md", text: CONTRACTS },
  { path: ".github/workflows/hubkit.yml", text: WORKFLOW },
];
