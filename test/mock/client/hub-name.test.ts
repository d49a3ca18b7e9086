// Hub names on the client endpoints: the spec's `{hub}` pattern, or `application_hub` with each part matching it.
import { describe, expect, it } from "vitest";
import {
  applicationNameProblem,
  clientHubNameProblem,
  hubNameProblem,
  isValidClientHubName,
} from "../../../src/mock/client/hub-name.js";
import { loadSpec } from "../../../src/spec/index.js";

const names = loadSpec().names;
const name = (length: number, first = "a") => first + "b".repeat(length - 1);

describe("client hub names", () => {
  it("accepts a spec-valid hub, and application_hub with each part 1-128 characters (up to 257 in all)", () => {
    expect(isValidClientHubName("chat", names)).toBe(true);
    expect(isValidClientHubName(name(128), names)).toBe(true);
    expect(isValidClientHubName(`${name(128)}_${name(128)}`, names)).toBe(true);
    // Underscores inside either part: some `_` must split it into a valid application and a valid hub.
    expect(isValidClientHubName(`my_app_${name(126, "h")}_x`, names)).toBe(true);
    expect(isValidClientHubName(`${name(126)}_b_${name(127)}`, names)).toBe(true);
  });

  it("refuses names no split makes valid", () => {
    expect(isValidClientHubName(`${name(128)}_${name(129)}`, names)).toBe(false);
    expect(isValidClientHubName(`${name(127)}_b_${name(127)}`, names)).toBe(false);
    expect(isValidClientHubName(`${name(129)}_chat`, names)).toBe(false);
    expect(isValidClientHubName(`${name(128)}_1chat`, names)).toBe(false);
    expect(isValidClientHubName(name(129), names)).toBe(false);
    expect(isValidClientHubName("_chat", names)).toBe(false);
    expect(isValidClientHubName("my-app_chat", names)).toBe(false);
    expect(isValidClientHubName(`${"a_".repeat(5000)}a`, names)).toBe(false);
  });

  it("uses the spec's SignalR_Broadcast patterns for hub and application", () => {
    const operation = loadSpec().operation("SignalR_Broadcast");
    const hub = operation?.pathParams.find((p) => p.name === "hub")?.regex;
    const application = operation?.queryParams.find((p) => p.name === "application")?.regex;
    for (const value of ["chat", "a`,.[]_9", name(128), name(129), "9chat", "my-hub", "ä"]) {
      expect(hubNameProblem(value, names) === undefined).toBe(hub?.test(value));
      expect(applicationNameProblem(value, names) === undefined).toBe(application?.test(value));
    }
  });

  it("says what was expected and what was found", () => {
    expect(hubNameProblem(null, names)).toBe("The 'hub' query parameter is required, e.g. ?hub=chat.");
    expect(clientHubNameProblem("", names)).toBe("The 'hub' query parameter is required, e.g. ?hub=chat.");
    expect(hubNameProblem("my-hub", names)).toBe(
      'Invalid hub name "my-hub": expected 1-128 characters, a letter first, then letters, digits or _`,.[].',
    );
    expect(applicationNameProblem("my-app", names)).toMatch(/^Invalid application name "my-app": expected 1-128 /);
    expect(clientHubNameProblem("my-app_chat", names)).toBe(
      'Invalid hub name "my-app_chat": expected a hub name (1-128 characters, a letter first, then letters, digits or _`,.[]), or application_hub with each part like that.',
    );
    expect(clientHubNameProblem(name(300), names)).toContain(JSON.stringify(name(140)));
  });
});
