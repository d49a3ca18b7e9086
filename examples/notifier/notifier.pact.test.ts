// Pact V4 consumer tests of the example notifier: they record what it expects from the SignalR REST API.
// The pact is written to a temporary folder and compared with the committed contracts/example-notifier.json, which
// hubkit's own tests verify against the mock (a file written here and read there in the same run would race).
// After changing an interaction: HUBKIT_UPDATE_CONTRACTS=1 npx vitest run examples/notifier
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MatchersV3, PactV4, SpecificationVersion } from "@pact-foundation/pact";
import { afterAll, describe, expect, it } from "vitest";
import { createNotifier, NotifierError } from "./notifier.js";

const CONSUMER = "example-notifier";
const PROVIDER = "azure-signalr-rest";
const HUB = "notifications";
const COMMITTED = new URL("../../contracts/example-notifier.json", import.meta.url);
const API = { "api-version": "2022-06-01" };
const JSON_HEADERS = { "Content-Type": "application/json" };
const KEY = "example-notifier-test-key-0123456789abcdef";

const dir = mkdtempSync(join(tmpdir(), "hubkit-pact-"));
const pact = new PactV4({
  consumer: CONSUMER,
  provider: PROVIDER,
  dir,
  spec: SpecificationVersion.SPECIFICATION_VERSION_V4,
  logLevel: "error",
});
const notifierFor = (url: string) =>
  createNotifier({ connectionString: `Endpoint=${url};AccessKey=${KEY};Version=1.0;`, hub: HUB });
const notifyBody = (text: string) => ({ target: "notify", arguments: [MatchersV3.like(text)] });

// Pact writes the file as interactions run: they must run one after another, in this order.
describe.sequential("example-notifier → azure-signalr-rest (Pact V4 consumer)", () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("notifies a connected user", async () => {
    await pact
      .addInteraction()
      .given("user connected", { hub: HUB, userId: "alice" })
      .uponReceiving("a notification for a connected user")
      .withRequest("POST", `/api/hubs/${HUB}/users/alice/:send`, (b) =>
        b.query(API).headers(JSON_HEADERS).jsonBody(notifyBody("Your order has shipped")),
      )
      .willRespondWith(202)
      .executeTest(async (server) => notifierFor(server.url).notifyUser("alice", "Your order has shipped"));
  });

  it("broadcasts to the hub, even when nobody is connected", async () => {
    await pact
      .addInteraction()
      .given("hub is empty", { hub: HUB })
      .uponReceiving("a broadcast")
      .withRequest("POST", `/api/hubs/${HUB}/:send`, (b) =>
        b.query(API).headers(JSON_HEADERS).jsonBody(notifyBody("Maintenance at 22:00")),
      )
      .willRespondWith(202)
      .executeTest(async (server) => notifierFor(server.url).broadcast("Maintenance at 22:00"));
  });

  it("notifies a group", async () => {
    await pact
      .addInteraction()
      .given("connection in group", { hub: HUB, group: "orders", connectionId: "conn-1", userId: "alice" })
      .uponReceiving("a notification for a group")
      .withRequest("POST", `/api/hubs/${HUB}/groups/orders/:send`, (b) =>
        b.query(API).headers(JSON_HEADERS).jsonBody(notifyBody("New order")),
      )
      .willRespondWith(202)
      .executeTest(async (server) => notifierFor(server.url).notifyGroup("orders", "New order"));
  });

  it("adds a user to a group", async () => {
    await pact
      .addInteraction()
      .given("user connected", { hub: HUB, userId: "alice" })
      .uponReceiving("adding a user to a group")
      .withRequest("PUT", `/api/hubs/${HUB}/users/alice/groups/orders`, (b) => b.query(API))
      .willRespondWith(200)
      .executeTest(async (server) => notifierFor(server.url).addToGroup("alice", "orders"));
  });

  it("sees that a user is in a group", async () => {
    await pact
      .addInteraction()
      .given("user in group", { hub: HUB, group: "orders", userId: "alice" })
      .uponReceiving("a membership check for a user in the group")
      .withRequest("HEAD", `/api/hubs/${HUB}/users/alice/groups/orders`, (b) => b.query(API))
      .willRespondWith(200)
      .executeTest(async (server) => {
        expect(await notifierFor(server.url).isInGroup("alice", "orders")).toBe(true);
      });
  });

  it("sees that a connected user is online", async () => {
    await pact
      .addInteraction()
      .given("user connected", { hub: HUB, userId: "alice" })
      .uponReceiving("an online check for a connected user")
      .withRequest("HEAD", `/api/hubs/${HUB}/users/alice`, (b) => b.query(API))
      .willRespondWith(200)
      .executeTest(async (server) => {
        expect(await notifierFor(server.url).isOnline("alice")).toBe(true);
      });
  });

  it("sees that a user without connections is offline", async () => {
    await pact
      .addInteraction()
      .given("hub is empty", { hub: HUB })
      .uponReceiving("an online check for a user without connections")
      .withRequest("HEAD", `/api/hubs/${HUB}/users/bob`, (b) => b.query(API))
      .willRespondWith(404, (b) => b.headers({ "x-ms-error-code": "Warning.User.NotExisted" }))
      .executeTest(async (server) => {
        expect(await notifierFor(server.url).isOnline("bob")).toBe(false);
      });
  });

  it("closes a connection, whose id the provider chooses", async () => {
    await pact
      .addInteraction()
      .given("connection exists", { hub: HUB, connectionId: "conn-1", userId: "alice" })
      .uponReceiving("closing a connection")
      .withRequest(
        "DELETE",
        MatchersV3.fromProviderState(
          `/api/hubs/${HUB}/connections/\${connectionId}`,
          `/api/hubs/${HUB}/connections/conn-1`,
        ),
        (b) => b.query(API),
      )
      .willRespondWith(200)
      .executeTest(async (server) => notifierFor(server.url).disconnect("conn-1"));
  });

  it("reports a refused call as an error", async () => {
    await pact
      .addInteraction()
      .given("hub is empty", { hub: HUB })
      .uponReceiving("closing a connection that does not exist")
      .withRequest("DELETE", `/api/hubs/${HUB}/connections/gone`, (b) => b.query(API))
      .willRespondWith(404, (b) => b.headers({ "x-ms-error-code": "Warning.Connection.NotExisted" }))
      .executeTest(async (server) => {
        await expect(notifierFor(server.url).disconnect("gone")).rejects.toBeInstanceOf(NotifierError);
      });
  });

  it("wrote the pact that is committed as contracts/example-notifier.json", () => {
    const written = readFileSync(join(dir, `${CONSUMER}-${PROVIDER}.json`), "utf8");
    if (process.env.HUBKIT_UPDATE_CONTRACTS === "1") writeFileSync(COMMITTED, written);
    let committed: string;
    try {
      committed = readFileSync(COMMITTED, "utf8");
    } catch {
      throw new Error(
        "contracts/example-notifier.json is missing: run HUBKIT_UPDATE_CONTRACTS=1 npx vitest run examples/notifier",
      );
    }
    expect(
      withoutMetadata(written),
      "the consumer's pact changed: rerun with HUBKIT_UPDATE_CONTRACTS=1 and commit it",
    ).toEqual(withoutMetadata(committed));
  });
});

/** Metadata carries library versions; the interactions are the contract. */
function withoutMetadata(text: string): unknown {
  const { metadata: _metadata, ...rest } = JSON.parse(text) as Record<string, unknown>;
  return rest;
}
