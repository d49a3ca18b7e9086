// `hubkit mock --engine prism` serves the newest document, so the operations a current SDK calls are answered too.
import { request } from "undici";
import { describe, expect, it } from "vitest";
import { currentSlowdown, scaled } from "../support/slowdown.js";
import { runInProcess } from "./run-in-process.js";

const BEARER = { authorization: "Bearer any-token-prism-only-checks-the-scheme" };

describe("hubkit mock --engine prism and the API versions", () => {
  it(
    "answers a 2024-12-01 operation and a 2022-06-01 one",
    async () => {
      const run = runInProcess(["mock", "--engine", "prism", "--port", "0"]);
      try {
        const [, url] = await run.waitFor(/listening on (http:\/\/\S+)/);
        const list = await request(`${url}/api/hubs/chat/groups/g1/connections?api-version=2024-12-01`, {
          headers: BEARER,
        });
        expect(list.statusCode).toBe(200);
        expect(await list.body.json()).toHaveProperty("value");
        const send = await request(`${url}/api/hubs/chat/:send?api-version=2022-06-01`, {
          method: "POST",
          headers: { ...BEARER, "content-type": "application/json" },
          body: JSON.stringify({ target: "t", arguments: [] }),
        });
        await send.body.dump();
        expect(send.statusCode).toBe(202);
      } finally {
        run.stop();
      }
      expect(await run.exited).toBe(0);
      // Prism takes seconds of CPU to load the document, far longer on a busy machine.
    },
    scaled(90_000, currentSlowdown()),
  );
});
