// The `:execute` filter grammar (Web PubSub's): every operator, identifiers, literals, and positioned errors.
import { describe, expect, it } from "vitest";
import { FilterSyntaxError, parseFilter } from "../../../src/mock/rest/odata-filter.js";

const subjects = [
  { connectionId: "c1", userId: "listener-1", groups: new Set(["a", "b"]) },
  { connectionId: "c2", userId: "listener-22", groups: new Set(["b"]) },
  { connectionId: "c3", userId: undefined, groups: new Set<string>() },
  { connectionId: "c4", userId: "o'neil", groups: new Set(["a"]) },
];

const select = (filter: string) => subjects.filter(parseFilter(filter)).map((s) => s.connectionId);

describe("parseFilter", () => {
  it.each([
    ["userId eq 'listener-1'", ["c1"]],
    ["userId ne 'listener-1'", ["c2", "c3", "c4"]],
    ["userId eq null", ["c3"]],
    ["connectionId gt 'c2'", ["c3", "c4"]],
    ["connectionId ge 'c2' and connectionId le 'c3'", ["c2", "c3"]],
    ["connectionId lt 'c2' or connectionId eq 'c4'", ["c1", "c4"]],
    ["not (connectionId eq 'c1')", ["c2", "c3", "c4"]],
    ["'a' in groups", ["c1", "c4"]],
    ["not ('a' in groups) and 'b' in groups", ["c2"]],
    ["connectionId in ('c1', 'c3')", ["c1", "c3"]],
    ["startswith(userId, 'listener-')", ["c1", "c2"]],
    ["endswith(userId, '22')", ["c2"]],
    ["length(userId) gt 10", ["c2"]],
    ["length(groups) eq 2", ["c1"]],
    ["userId eq 'o''neil'", ["c4"]],
    ["UserId EQ 'listener-1' OR ConnectionId eq 'c3'", ["c1", "c3"]],
  ])("%s", (filter, expected) => {
    expect(select(filter)).toEqual(expected);
  });

  it.each([
    ["userId eq", 10, /Expected a value but the filter ended/],
    ["userId", 7, /Expected a comparison operator/],
    ["userId eq 'x", 11, /Unterminated string literal/],
    ["colour eq 'red'", 1, /Unknown identifier 'colour'/],
    ["userId eq 'a' )", 15, /Unexpected '\)'/],
    ["startswith(userId 'a')", 19, /Expected ','/],
    ["userId eq 'a' & x", 15, /Unexpected character '&'/],
    ["(userId eq 'a'", 15, /Expected '\)'/],
  ])("refuses %s at position %i", (filter, position, message) => {
    let error: unknown;
    try {
      parseFilter(filter);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FilterSyntaxError);
    expect((error as FilterSyntaxError).position).toBe(position);
    expect((error as Error).message).toMatch(message);
  });
});
