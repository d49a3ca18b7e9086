// Admin routes for faults and attempts: GET/POST/DELETE /_hubkit/faults, GET/DELETE /_hubkit/attempts.
import type { IncomingMessage, ServerResponse } from "node:http";
import { parseDocument } from "yaml";
import { MockHttpError, mockError, sendJson } from "../errors.js";
import { firstValue, parseQuery } from "../rest/query.js";
import { readBody } from "../rest/read-body.js";
import type { MockFaults } from "./index.js";

type Route = (req: IncomingMessage, res: ServerResponse, rawQuery: string) => void;

/** The routes to merge into the admin API's table; errors thrown (or passed to `fail`) render as ErrorDetail. */
export function faultAdminRoutes(
  faults: MockFaults,
  fail: (req: IncomingMessage, res: ServerResponse, error: unknown) => void,
): Array<[string, Map<string, Route>]> {
  const list: Route = (_req, res) => sendJson(res, 200, { rules: faults.set.list() });
  const add: Route = (req, res) => {
    readBody(req, (body) => {
      try {
        if (body instanceof MockHttpError) throw body;
        const doc = parseDocument(body.toString("utf8"));
        if (doc.errors.length > 0) throw invalid(`The body is not JSON or YAML: ${doc.errors[0]!.message}`);
        const value: unknown = doc.toJS({ maxAliasCount: 100 });
        // One rule, a list of rules, or a state-file-like `{ faults: [...] }`.
        const rules = Array.isArray(value) ? value : isFaultsDoc(value) ? value.faults : [value];
        const { added, warnings } = faults.add(rules, "admin API");
        sendJson(res, 200, { added, warnings: warnings.map((w) => w.message), rules: faults.set.list() });
      } catch (error) {
        fail(req, res, error);
      }
    });
  };
  const clear: Route = (_req, res, rawQuery) => {
    const id = firstValue(parseQuery(rawQuery), "id");
    if (id !== undefined && !faults.set.clear(id)) {
      throw mockError("faultNotFound", `No fault rule with id '${id}'. GET /_hubkit/faults lists them.`, {
        target: "id",
      });
    }
    if (id === undefined) faults.set.clear();
    sendJson(res, 200, { rules: faults.set.list() });
  };
  const attempts: Route = (_req, res, rawQuery) => {
    const query = parseQuery(rawQuery);
    const contains = firstValue(query, "path");
    const method = firstValue(query, "method");
    sendJson(res, 200, {
      calls: faults.attempts.list({
        ...(contains === undefined ? {} : { contains }),
        ...(method === undefined ? {} : { method: method.toUpperCase() }),
      }),
    });
  };
  const forget: Route = (_req, res) => {
    faults.attempts.clear();
    sendJson(res, 200, { calls: [] });
  };
  return [
    [
      "/_hubkit/faults",
      new Map([
        ["GET", list],
        ["POST", add],
        ["DELETE", clear],
      ]),
    ],
    [
      "/_hubkit/attempts",
      new Map([
        ["GET", attempts],
        ["DELETE", forget],
      ]),
    ],
  ];
}

function isFaultsDoc(value: unknown): value is { faults: unknown } {
  return typeof value === "object" && value !== null && "faults" in value;
}

function invalid(message: string): MockHttpError {
  return mockError("fixtureInvalid", message, { target: "faults" });
}
