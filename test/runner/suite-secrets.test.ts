// Secrets from the environment (`secrets: [NAME]`, `${secret.NAME}`) never reach the console or any report file.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runSuites } from "../../src/api/index.js";
import { runCommand } from "../../src/cli/run.js";
import { loadRunnableSuites } from "../../src/runner/index.js";
import { loadSpec } from "../../src/spec/index.js";
import { suiteSecretValues } from "../../src/suite/index.js";

const TOKEN = "tok-7f3a9c2e5b1d";
const PASSWORD = "pw-Zq8xW4vN";
const PLAIN = "plain-value-visible";
const dir = mkdtempSync(join(tmpdir(), "hubkit-secrets-"));
writeFileSync(
  join(dir, "secrets.yaml"),
  `name: secrets
secrets: [DB_PASSWORD]
variables:
  password: "\${env.DB_PASSWORD}"
tests:
  - name: a failing send whose expectation and request carry the secrets
    steps:
      - request: POST /api/hubs/chat/:send?api-version=2022-06-01&note=\${secret.API_TOKEN}
        headers: { x-api-token: "\${secret.API_TOKEN}", x-plain: "\${env.PLAIN}" }
        body: { target: "\${password}", arguments: ["\${secret.API_TOKEN}", "\${env.PLAIN}"] }
        expect:
          status: 202
          headers: { x-echo: "\${password}" }
`,
);
const env = { API_TOKEN: TOKEN, DB_PASSWORD: PASSWORD, PLAIN };

describe("secrets from the environment", () => {
  it(`the loader lists the suite's secrets: the \`secrets:\` names and every \${secret.NAME}`, async () => {
    const [suite] = await loadRunnableSuites(["secrets.yaml"], { spec: loadSpec(), env, cwd: dir });
    expect(suite!.secrets).toEqual(["DB_PASSWORD", "API_TOKEN"]);
    expect(suiteSecretValues([suite!], env)).toEqual([PASSWORD, TOKEN]);
    expect(suiteSecretValues([suite!], { API_TOKEN: "" })).toEqual([]);
  });

  it("are redacted from the console and all four report files; other environment values stay", async () => {
    let out = "";
    const sink = (t: string) => {
      out += t;
    };
    const outDir = join(dir, "reports");
    const code = await runCommand(["secrets.yaml", "--out-dir", outDir], { stdout: sink, stderr: sink, env, cwd: dir });
    expect(code).toBe(1);
    const files = readdirSync(outDir).sort();
    expect(files).toEqual(["conformance.json", "junit.xml", "report.html", "summary.md"]);
    const outputs = [out, ...files.map((f) => readFileSync(join(outDir, f), "utf8"))];
    for (const text of outputs) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(PASSWORD);
    }
    // The failure (the missing x-echo header, expected to be the password) is reported, redacted.
    expect(out).toContain("***");
    expect(readFileSync(join(outDir, "conformance.json"), "utf8")).toContain(PLAIN);
  });

  it("are redacted from the report files of the programmatic runSuites() too", async () => {
    const outDir = join(dir, "api-reports");
    const result = await runSuites({ paths: ["secrets.yaml"], reporters: ["json", "md"], outDir, env, cwd: dir });
    expect(result.summary.failed).toBe(1);
    for (const file of readdirSync(outDir)) {
      const text = readFileSync(join(outDir, file), "utf8");
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(PASSWORD);
    }
  });

  it(`an unset \${secret.NAME} is a load error, like \${env.NAME}`, async () => {
    await expect(
      loadRunnableSuites(["secrets.yaml"], { spec: loadSpec(), env: { DB_PASSWORD: "x", PLAIN }, cwd: dir }),
    ).rejects.toThrow(
      expect.objectContaining({
        problems: expect.arrayContaining([
          expect.objectContaining({ code: "E_SUITE_ENV", message: expect.stringMatching(/API_TOKEN is not set/) }),
        ]),
      }),
    );
  });

  it("`secret` is reserved as a variable name", async () => {
    writeFileSync(
      join(dir, "reserved.yaml"),
      "name: r\nvariables: { secret: x }\ntests:\n  - name: t\n    steps: [{ wait: 1ms }]\n",
    );
    await expect(loadRunnableSuites(["reserved.yaml"], { spec: loadSpec(), env, cwd: dir })).rejects.toThrow(
      expect.objectContaining({ problems: [expect.objectContaining({ code: "E_SUITE_VARIABLE" })] }),
    );
  });
});
