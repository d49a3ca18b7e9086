// biome-ignore-all lint/suspicious/noTemplateCurlyInString: suites use ${name} templates, so test data is full of them
import { describe, expect, it } from "vitest";
import { compileValue, UnknownVariableError } from "../../src/suite/index.js";

const scope = (values: Record<string, unknown>) => ({ get: (name: string) => values[name] });

describe("compileValue", () => {
  it("returns values without templates untouched (same object, nothing to resolve)", () => {
    const value = { a: [1, "x", { b: true }] };
    const compiled = compileValue(value);
    expect(compiled.refs).toEqual([]);
    expect(compiled.resolve(scope({}))).toBe(value);
  });

  it("substitutes references inside strings and records where each one is", () => {
    const compiled = compileValue({ params: { hub: "chat-${run.id}", user: "${user}" }, list: ["${a}${b}"] });
    expect(compiled.refs.map((r) => [r.name, r.path.join(".")])).toEqual([
      ["run.id", "params.hub"],
      ["user", "params.user"],
      ["a", "list.0"],
      ["b", "list.0"],
    ]);
    expect(compiled.resolve(scope({ "run.id": "r1", user: "alice", a: 1, b: 2 }))).toEqual({
      params: { hub: "chat-r1", user: "alice" },
      list: ["12"],
    });
  });

  it("keeps the type of a value that is exactly one reference", () => {
    const compiled = compileValue({ ttl: "${ttl}", args: "${args}", text: "ttl=${ttl}", obj: "x${args}" });
    expect(compiled.resolve(scope({ ttl: 10, args: [1, "a"] }))).toEqual({
      ttl: 10,
      args: [1, "a"],
      text: "ttl=10",
      obj: 'x[1,"a"]',
    });
  });

  it("uses the :- default when the name is undefined, and $${ for a literal ${", () => {
    const compiled = compileValue(["${env.HUB:-chat}", "$${not.a.ref}", "a$${b}${c}"]);
    expect(compiled.refs.map((r) => r.name)).toEqual(["env.HUB", "c"]);
    expect(compiled.resolve(scope({ c: "!" }))).toEqual(["chat", "${not.a.ref}", "a${b}!"]);
    expect(compiled.resolve(scope({ "env.HUB": "other", c: "" }))[0]).toBe("other");
  });

  it("templates mapping keys too (fixtures name hubs by key)", () => {
    const compiled = compileValue({ hubs: { "chat_${run.id}": { connections: ["c-${run.id}"] } } });
    expect(compiled.resolve(scope({ "run.id": "r1" }))).toEqual({ hubs: { chat_r1: { connections: ["c-r1"] } } });
  });

  it("reports malformed templates as problems with their path", () => {
    const compiled = compileValue({ a: "x ${unclosed", b: ["${bad name}"] });
    expect(compiled.problems).toEqual([
      { path: ["a"], message: '"x ${unclosed" has a ${ without a closing }' },
      {
        path: ["b", 0],
        message:
          "${bad name} is not a valid reference: expected ${name}, ${env.NAME}, ${env.NAME:-default} or ${secret.NAME}",
      },
    ]);
  });

  it("throws UnknownVariableError at resolve time for a name the scope does not have", () => {
    const compiled = compileValue("hello ${who}");
    expect(() => compiled.resolve(scope({}))).toThrow(UnknownVariableError);
    expect(() => compiled.resolve(scope({}))).toThrow("${who} is not defined");
  });
});
