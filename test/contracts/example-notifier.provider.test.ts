// Provider side of the example consumer's contract: the committed contracts/example-notifier.json (written by
// examples/notifier/notifier.pact.test.ts) verified against hubkit's mock, as `hubkit verify` does it.
import { describe, expect, it } from "vitest";
import { openPactProvider } from "../../src/contracts/pact-provider.js";
import { verifyPacts } from "../../src/contracts/verify-pacts.js";
import { loadSpec } from "../../src/spec/index.js";

const CONTRACT = new URL("../../contracts/example-notifier.json", import.meta.url).pathname;

describe("contracts/example-notifier.json against the mock", () => {
  it("holds for every interaction", async () => {
    const opened = await openPactProvider({ kind: "mock" }, loadSpec());
    try {
      const verdicts = await verifyPacts({ spec: loadSpec(), pactFiles: [CONTRACT], provider: opened.provider });
      expect(verdicts.length).toBeGreaterThanOrEqual(9);
      expect(
        verdicts.filter((v) => v.outcome !== "passed").map((v) => `${v.interaction.description}: ${v.reasons}`),
      ).toEqual([]);
      expect(opened.target.kind).toBe("mock");
    } finally {
      await opened.close();
    }
  });
});
