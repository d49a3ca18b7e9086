// parseProviderState: hubkit's provider-state vocabulary and its errors.
import { describe, expect, it } from "vitest";
import { PROVIDER_STATES, parseProviderState, unknownStateMessage } from "../../src/contracts/provider-states.js";

describe("parseProviderState", () => {
  it("accepts each documented state with its parameters", () => {
    expect(parseProviderState({ name: "connection exists", params: { hub: "chat", connectionId: "c1" } })).toEqual({
      ok: true,
      state: { name: "connection exists", hub: "chat", connectionId: "c1" },
    });
    expect(
      parseProviderState({
        name: "connection in group",
        params: { hub: "chat", group: "g", connectionId: "c1", userId: "u", application: "app" },
      }),
    ).toMatchObject({ ok: true, state: { application: "app", userId: "u", group: "g" } });
    expect(
      parseProviderState({ name: "user in group", params: { hub: "h", group: "g", userId: "u", ttl: "60" } }),
    ).toEqual({
      ok: true,
      state: { name: "user in group", hub: "h", group: "g", userId: "u", ttl: 60 },
    });
    expect(parseProviderState({ name: "user connected", params: { hub: "h", userId: 42 } })).toMatchObject({
      ok: true,
      state: { userId: "42" },
    });
    expect(parseProviderState({ name: "hub is empty", params: { hub: "h" } })).toEqual({
      ok: true,
      state: { name: "hub is empty", hub: "h" },
    });
  });

  it("lists every known state, with a suggestion, for an unknown one", () => {
    const result = parseProviderState({ name: "connection c1 exists", params: {} });
    expect(result.ok).toBe(false);
    const message = (result as { message: string }).message;
    expect(message).toContain('Unknown provider state "connection c1 exists" (did you mean "connection exists"?)');
    for (const state of PROVIDER_STATES) expect(message).toContain(`"${state.name}" {`);
    expect(unknownStateMessage("zzz")).not.toContain("did you mean");
  });

  it("explains that a state without parameters needs Pact V3", () => {
    expect(parseProviderState({ name: "hub is empty", params: {} })).toEqual({
      ok: false,
      message:
        'Provider state "hub is empty": missing parameter "hub". "hub is empty" {hub, application?}. State parameters ' +
        "need a Pact V3 (or later) file.",
    });
  });

  it("names missing, misspelt and ill-typed parameters all at once", () => {
    const result = parseProviderState({ name: "user in group", params: { hub: "", userid: "u", ttl: 1.5 } });
    expect(result).toEqual({
      ok: false,
      message:
        'Provider state "user in group": "hub" must be a non-empty string; unknown parameter "userid" (did you mean ' +
        '"userId"?); "ttl" must be an integer; missing parameter "group"; missing parameter "userId". ' +
        '"user in group" {hub, group, userId, ttl?, application?}.',
    });
  });
});
