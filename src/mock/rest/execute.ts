// `:execute` (2023-07-01): commands applied, all or nothing, to the connections an OData filter selects.
import { MockHttpError, mockError } from "../errors.js";
import type { Connection, Store } from "../store.js";
import { type FilterPredicate, FilterSyntaxError, parseFilter } from "./odata-filter.js";
import { parsePayload } from "./payload.js";
import { firstValue } from "./query.js";
import { noteExecute } from "./rest-notes.js";
import type { HandlerTable, PayloadMessage } from "./types.js";

type Command =
  | { type: "SendMessage"; message: PayloadMessage }
  | { type: "JoinGroup"; group: string }
  | { type: "LeaveGroup"; group: string }
  | { type: "CloseConnection"; reason?: string };

/** 2024-12-01 gives every command `additionalProperties: false`. */
const FIELDS: Readonly<Record<Command["type"], readonly string[]>> = {
  SendMessage: ["type", "message"],
  JoinGroup: ["type", "group"],
  LeaveGroup: ["type", "group"],
  CloseConnection: ["type", "reason"],
};

const GROUP_PATTERN = /^(?!\s+$).+$/su;

export const executeHandlers: HandlerTable = {
  HubProxyV20230701_Execute: (call) => {
    const { store, hub, query, body } = call;
    const commands = parseCommands(body);
    if (commands instanceof MockHttpError) return commands;
    const filterText = firstValue(query, "filter");
    const filter = compileFilter(filterText);
    if (filter instanceof MockHttpError) return filter;
    // Everything is checked before anything changes, so a bad command leaves the hub as it was.
    const selected = store.hubConnections(hub).filter((c) => filter(subjectOf(c)));
    noteExecute(call, commands, selected, filterText);
    for (const command of commands) apply(command, selected, store);
  },
};

function apply(command: Command, selected: Connection[], store: Store): void {
  const live = selected.filter((c) => store.connection(c.hub, c.id) === c);
  switch (command.type) {
    case "SendMessage":
      store.deliver(live, command.message.target, command.message.arguments);
      return;
    case "JoinGroup":
      for (const c of live) store.addConnectionToGroup(c.hub, command.group, c.id);
      return;
    case "LeaveGroup":
      for (const c of live) store.removeConnectionFromGroup(c.hub, command.group, c.id);
      return;
    case "CloseConnection":
      store.close(live, command.reason);
      return;
  }
}

function subjectOf(c: Connection) {
  return { connectionId: c.id, userId: c.userId, groups: c.groups };
}

function compileFilter(text: string | undefined): FilterPredicate | MockHttpError {
  if (text === undefined) return () => true;
  try {
    return parseFilter(text);
  } catch (error) {
    if (!(error instanceof FilterSyntaxError)) throw error;
    return mockError("invalidFilter", `Invalid filter: ${error.message}.`, { target: "filter" });
  }
}

function invalid(target: string, message: string): MockHttpError {
  return mockError("invalidCommand", message, { target });
}

function parseCommands(body: unknown): Command[] | MockHttpError {
  if (!Array.isArray(body)) return invalid("commands", "The request body must be a JSON array of commands.");
  const commands: Command[] = [];
  for (const [index, raw] of body.entries()) {
    const at = `commands[${index}]`;
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
      return invalid(at, `${at} must be an object with a 'type'.`);
    }
    const record = raw as Record<string, unknown>;
    const type = record.type;
    if (typeof type !== "string" || !Object.hasOwn(FIELDS, type)) {
      return invalid(
        `${at}.type`,
        `${at}.type must be one of ${Object.keys(FIELDS).join(", ")}; found ${JSON.stringify(type ?? null)}.`,
      );
    }
    const allowed = FIELDS[type as Command["type"]];
    const extra = Object.keys(record).find((k) => !allowed.includes(k));
    if (extra !== undefined) {
      return invalid(`${at}.${extra}`, `${at} (${type}) has no property '${extra}'; it takes ${allowed.join(", ")}.`);
    }
    const command = parseCommand(type as Command["type"], record, at);
    if (command instanceof MockHttpError) return command;
    commands.push(command);
  }
  return commands;
}

function parseCommand(type: Command["type"], record: Record<string, unknown>, at: string): Command | MockHttpError {
  switch (type) {
    case "SendMessage": {
      if (typeof record.message !== "object" || record.message === null) {
        return invalid(`${at}.message`, `${at}.message is required: a PayloadMessage with a 'target'.`);
      }
      const message = parsePayload(Buffer.from(JSON.stringify(record.message)));
      if (message instanceof MockHttpError) return invalid(`${at}.message`, `${at}.message: ${message.detail.message}`);
      return { type, message };
    }
    case "JoinGroup":
    case "LeaveGroup": {
      const group = record.group;
      if (typeof group !== "string" || group.length === 0 || [...group].length > 1024 || !GROUP_PATTERN.test(group)) {
        return invalid(`${at}.group`, `${at}.group must be a group name of 1 to 1024 characters, not all whitespace.`);
      }
      return { type, group };
    }
    case "CloseConnection": {
      if (record.reason !== undefined && typeof record.reason !== "string") {
        return invalid(`${at}.reason`, `${at}.reason must be a string.`);
      }
      return record.reason === undefined ? { type } : { type, reason: record.reason };
    }
  }
}
