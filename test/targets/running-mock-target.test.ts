// A hubkit mock running elsewhere as a Target: recognised by its admin API, seeded through it; anything else is live.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createMockServer, type MockServer } from "../../src/mock/index.js";
import {
  createConnectionStringTargetFactory,
  createRunningMockTarget,
  type Fixture,
  isHubkitMock,
  openConnectionStringTarget,
  type Target,
} from "../../src/targets/index.js";

const KEY = "running-mock-test-key-0123456789abcdef";
const OTHER_KEY = "another-key-0123456789abcdef0123456789";

let server: MockServer | undefined;
let plain: Server | undefined;
const targets: Target[] = [];

afterEach(async () => {
  await Promise.all(targets.splice(0).map((t) => t.close()));
  await server?.close();
  server = undefined;
  if (plain) await new Promise((resolve) => plain!.close(resolve));
  plain = undefined;
});

function track(target: Target): Target {
  targets.push(target);
  return target;
}

const connectionString = (endpoint: string, key: string) => `Endpoint=${endpoint};AccessKey=${key};Version=1.0;`;

describe("the running mock target", () => {
  it("is recognised with the mock's key, and not with another key or where nothing listens", async () => {
    server = await createMockServer({ port: 0, accessKeys: [KEY] });
    expect(await isHubkitMock(track(createRunningMockTarget({ endpoint: server.url, accessKey: KEY })))).toBe(true);
    expect(await isHubkitMock(track(createRunningMockTarget({ endpoint: server.url, accessKey: OTHER_KEY })))).toBe(
      false,
    );
    const url = server.url;
    await server.close();
    server = undefined;
    expect(await isHubkitMock(track(createRunningMockTarget({ endpoint: url, accessKey: KEY })))).toBe(false);
  });

  it("seeds a fixture through the admin API, and says why the mock refused one", async () => {
    server = await createMockServer({ port: 0, accessKeys: [KEY] });
    const target = track(createRunningMockTarget({ endpoint: server.url, accessKey: KEY }));
    await target.seed!({ hubs: { chat: { connections: [{ id: "c1", user: "u1", groups: ["g"] }] } } });
    expect(server.store.connection("chat", "c1")?.userId).toBe("u1");
    expect(server.store.hasGroup("chat", "g")).toBe(true);

    const invalid = { hubs: { "9bad": { connections: ["c2"] } } } as Fixture;
    await expect(target.seed!(invalid)).rejects.toThrow(
      /^the mock refused the state \(400\): 1 problem\(s\) in request body; .*invalid hub name "9bad"/,
    );
    expect(server.store.connection("9bad", "c2")).toBeUndefined();
  });
});

describe("openConnectionStringTarget", () => {
  it("opens a seedable mock target when the connection string names a running hubkit mock", async () => {
    server = await createMockServer({ port: 0, accessKeys: [KEY] });
    const target = track(await openConnectionStringTarget(connectionString(server.url, KEY)));
    expect(target.kind).toBe("mock");
    expect(target.endpoint).toBe(server.url.replace(/\/$/, ""));
    await target.seed!({ hubs: { chat: { connections: ["c1"] } } });
    const head = await target.request({
      method: "HEAD",
      pathAndQuery: "/api/hubs/chat/connections/c1?api-version=2022-06-01",
      auth: "valid",
    });
    expect(head.status).toBe(200);
  });

  it("opens the live target, which cannot be seeded, for anything else", async () => {
    plain = createServer((_req, res) => {
      res.statusCode = 404;
      res.end();
    });
    await new Promise<void>((resolve) => plain!.listen(0, "127.0.0.1", resolve));
    const { port } = plain.address() as AddressInfo;
    const target = track(await openConnectionStringTarget(connectionString(`http://127.0.0.1:${port}`, KEY)));
    expect(target.kind).toBe("live");
    expect(target.seed).toBeUndefined();
  });

  it("refuses a bad connection string as a usage error, without the key", async () => {
    await expect(openConnectionStringTarget(`Endpoint=ftp://x;AccessKey=${KEY};Version=1.0;`)).rejects.toMatchObject({
      code: expect.stringMatching(/^E_/),
      message: expect.not.stringContaining(KEY),
    });
  });
});

describe("createConnectionStringTargetFactory (hubkit run's credentials)", () => {
  it("gives every worker a running-mock target where a hubkit mock answers: seeded through it, with both keys", async () => {
    server = await createMockServer({ port: 0, accessKeys: [KEY, OTHER_KEY] });
    const factory = createConnectionStringTargetFactory({
      connectionString: connectionString(server.url, KEY),
      secondaryAccessKey: OTHER_KEY,
    });
    const [a, b] = (await Promise.all([factory.create(), factory.create()])).map(track);
    expect(factory.kind).toBe("mock");
    for (const target of [a!, b!]) {
      expect(target).toMatchObject({ kind: "mock", description: "running hubkit mock", hasSecondaryKey: true });
      expect(target.seed).toBeTypeOf("function");
    }
    await a!.seed!({ hubs: { chat: { connections: ["c1"] } } });
    const head = await b!.request({
      method: "HEAD",
      pathAndQuery: "/api/hubs/chat/connections/c1?api-version=2022-06-01",
      auth: "secondary",
    });
    expect(head.status).toBe(200);
  });

  it("gives live targets, which cannot be seeded, where the admin API does not answer", async () => {
    server = await createMockServer({ port: 0, accessKeys: [KEY], adminApi: false });
    const factory = createConnectionStringTargetFactory({ endpoint: server.url, accessKey: KEY });
    const target = track(await factory.create());
    expect(factory.kind).toBe("live");
    expect(target.kind).toBe("live");
    expect(target.description).toBeUndefined();
    expect(target.seed).toBeUndefined();
  });

  it("checks the credentials when made, before any probe (a usage error, without the key)", () => {
    expect(() =>
      createConnectionStringTargetFactory({ connectionString: `Endpoint=ftp://x;AccessKey=${KEY};` }),
    ).toThrow(
      expect.objectContaining({ code: expect.stringMatching(/^E_/), message: expect.not.stringContaining(KEY) }),
    );
  });
});
