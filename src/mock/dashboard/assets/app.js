// hubkit mock dashboard: one hand-written ES module, no framework and no bundler (the page is a few tables, a
// list and five forms; plain DOM keeps it small, offline and free of a build step).
// Live data arrives by Server-Sent Events; every DOM update is batched into one animation frame.

const API = "dashboard/api/";
/** Events kept in memory for re-filtering; older ones are dropped (and counted). */
const MAX_KEPT = 5000;
/** Rows in the list at most; the list stays responsive under thousands of events per second. */
const MAX_VIEW = 1000;

const $ = (selector, root = document) => root.querySelector(selector);
const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];

const ui = {
  status: $("#status"),
  eventList: $("#event-list"),
  eventInfo: $("#event-info"),
  pause: $("#pause"),
};

let source;
let everLive = false;
let reconnectDelay = 500;
let reconnectTimer;
let state;
/** The mock's clock minus ours, so TTLs count down from the mock's now. */
let clockOffset = 0;

// --- status and pages ------------------------------------------------------------------------------------------

function setStatus(kind, text) {
  ui.status.dataset.state = kind;
  ui.status.textContent = text;
}

const PAGES = ["connections", "events", "actions"];

function showPage() {
  const login = !$("#login").hidden;
  const wanted = location.hash.slice(1);
  const page = PAGES.includes(wanted) ? wanted : "connections";
  for (const name of PAGES) $(`#${name}`).hidden = login || name !== page;
  for (const link of $$(".top nav a")) {
    if (link.dataset.page === page) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  if (page === "events") scheduleFrame();
}
window.addEventListener("hashchange", showPage);

// --- session and the live stream -------------------------------------------------------------------------------

async function postJson(path, body) {
  const response = await fetch(API + path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body ?? {}),
    credentials: "same-origin",
  });
  let data = {};
  try {
    data = await response.json();
  } catch {
    // an empty or non-JSON answer keeps {}
  }
  return { status: response.status, ok: response.ok, data };
}

/** Makes sure a session cookie exists; shows the login form when the mock asks for a key. */
async function ensureSession() {
  const info = await (await fetch(`${API}session`, { credentials: "same-origin" })).json();
  if (info.session) return true;
  const answer = await postJson("session", {});
  if (answer.ok) return true;
  if (answer.data.code === "Dashboard.LoginRequired") showLogin();
  else setStatus("lost", answer.data.message ?? `The mock refused a session (${answer.status}).`);
  return false;
}

function showLogin() {
  $("#login").hidden = false;
  showPage();
  setStatus("lost", "Sign in to see the mock");
  $("#login-key").focus();
}

$("#login-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const input = $("#login-key");
  const error = $("#login-error");
  const answer = await postJson("session", { accessKey: input.value });
  input.value = "";
  if (!answer.ok) {
    error.textContent = answer.data.message ?? `Sign-in failed (${answer.status}).`;
    input.setAttribute("aria-invalid", "true");
    input.focus();
    return;
  }
  error.textContent = "";
  input.removeAttribute("aria-invalid");
  $("#login").hidden = true;
  showPage();
  openStream();
});

function openStream() {
  clearTimeout(reconnectTimer);
  source?.close();
  source = new EventSource(`${API}events`);
  source.addEventListener("open", () => {
    reconnectDelay = 500;
    setStatus("live", everLive ? "Live again: reconnected to the mock" : "Live");
    everLive = true;
  });
  source.addEventListener("state", (e) => renderState(JSON.parse(e.data)));
  source.addEventListener("events", (e) => receiveEvents(JSON.parse(e.data)));
  source.addEventListener("error", () => {
    setStatus("lost", "Lost the mock (stopped or restarted?): reconnecting…");
    // EventSource retries by itself after a network error; after an HTTP error (a restarted mock no longer knows
    // this page's session) it gives up, so the page starts a new session and a new stream.
    if (source.readyState === EventSource.CLOSED) scheduleReconnect();
  });
}

function scheduleReconnect() {
  clearTimeout(reconnectTimer);
  reconnectTimer = setTimeout(async () => {
    try {
      if (await ensureSession()) openStream();
    } catch {
      scheduleReconnect();
    }
  }, reconnectDelay);
  reconnectDelay = Math.min(reconnectDelay * 2, 5000);
}

// --- state tables ----------------------------------------------------------------------------------------------

function cell(text, className) {
  const td = document.createElement("td");
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function smallButton(label, title, onClick) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "small";
  button.textContent = label;
  button.setAttribute("aria-label", title);
  button.addEventListener("click", onClick);
  return button;
}

/** Replaces a table body, keeping keyboard focus on the same row button across the refresh. */
function fillTable(table, rows) {
  const body = table.tBodies[0];
  const active = document.activeElement;
  const focusKey = body.contains(active) ? active.getAttribute("aria-label") : undefined;
  body.replaceChildren(...rows);
  if (focusKey)
    $$("button", body)
      .find((b) => b.getAttribute("aria-label") === focusKey)
      ?.focus();
}

function renderState(next) {
  state = next;
  clockOffset = Date.parse(next.now) - Date.now();
  $("#hub-list").replaceChildren(
    ...next.hubs.map((h) => {
      const option = document.createElement("option");
      option.value = h.name;
      return option;
    }),
  );
  fillTable(
    $("#hubs-table"),
    next.hubs.map((h) => {
      const tr = document.createElement("tr");
      tr.append(
        cell(h.name),
        cell(String(h.connections), "num"),
        cell(String(h.live), "num"),
        cell(String(h.virtual), "num"),
        cell(String(h.groups), "num"),
        cell(String(h.userGroups), "num"),
      );
      return tr;
    }),
  );
  $("#hubs-empty").hidden = next.hubs.length > 0;
  renderConnections();
  fillTable(
    $("#groups-table"),
    next.groups.map((g) => {
      const tr = document.createElement("tr");
      tr.append(cell(g.hub), cell(g.group), cell(String(g.connections), "num"));
      return tr;
    }),
  );
  fillTable(
    $("#pairs-table"),
    next.userGroups.map((p) => {
      const tr = document.createElement("tr");
      const expires = cell(formatRemaining(p), "num ttl");
      expires.dataset.expiresAt = p.expiresAt;
      if (p.withoutTtl) expires.dataset.withoutTtl = "1";
      tr.append(cell(p.hub), cell(p.user), cell(p.group), expires);
      return tr;
    }),
  );
  const unlisted = $("#conn-unlisted");
  unlisted.hidden = next.unlisted === 0;
  unlisted.textContent = `${next.unlisted} more connections are not listed (the page shows the first ${next.connections.length}).`;
  renderDetail();
}

/** Rows by hub and id, reused across refreshes: a button being clicked is never swapped out under the pointer. */
const connectionRows = new Map();

function connectionRow(c) {
  const key = `${c.hub}\u0000${c.id}`;
  let tr = connectionRows.get(key);
  if (!tr) {
    tr = document.createElement("tr");
    tr.dataset.connectionId = c.id;
    const actions = document.createElement("td");
    actions.className = "row-actions";
    actions.append(
      smallButton("Details", `Details of ${c.id}`, () => showDetail(c)),
      smallButton("Send…", `Send to ${c.id}`, () =>
        prefill("#send-form", { hub: c.hub, to: "connection", name: c.id }, "#send-target"),
      ),
      smallButton("Close…", `Close ${c.id}`, () =>
        prefill("#close-form", { hub: c.hub, connectionId: c.id }, "#close-reason"),
      ),
    );
    tr.append(
      cell(c.hub),
      cell(c.id, "mono"),
      ...[1, 2, 3, 4, 5].map(() => cell("")),
      cell("", "num"),
      cell("", "num"),
    );
    tr.cells[5].className = "groups";
    tr.append(actions);
    connectionRows.set(key, tr);
  }
  const texts = [
    c.userId ?? "–",
    c.transport,
    c.protocol ?? "–",
    c.groups.join(", ") || "–",
    new Date(c.connectedAt).toLocaleTimeString(),
    String(c.messagesIn),
    String(c.messagesOut),
  ];
  texts.forEach((text, i) => {
    const td = tr.cells[i + 2];
    if (td.textContent !== text) td.textContent = text;
  });
  return tr;
}

function renderConnections() {
  if (!state) return;
  const filter = $("#conn-filter").value.trim().toLowerCase();
  const shown = state.connections.filter(
    (c) => !filter || [c.hub, c.id, c.userId ?? "", ...c.groups].some((text) => text.toLowerCase().includes(filter)),
  );
  const rows = shown.map(connectionRow);
  const live = new Set(state.connections.map((c) => `${c.hub}\u0000${c.id}`));
  for (const key of connectionRows.keys()) if (!live.has(key)) connectionRows.delete(key);
  const body = $("#conn-table").tBodies[0];
  const current = [...body.rows];
  if (current.length !== rows.length || current.some((tr, i) => tr !== rows[i])) fillTable($("#conn-table"), rows);
}
$("#conn-filter").addEventListener("input", renderConnections);

let detailId;

function showDetail(connection) {
  detailId = { hub: connection.hub, id: connection.id };
  renderDetail();
  $("#detail-close").focus();
}

function renderDetail() {
  const panel = $("#detail");
  if (!detailId || !state) {
    panel.hidden = true;
    return;
  }
  const c = state.connections.find((x) => x.hub === detailId.hub && x.id === detailId.id);
  panel.hidden = false;
  $("#detail-title").textContent = `Connection ${detailId.id}${c ? "" : " (gone)"}`;
  const rows = c
    ? [
        ["Hub", c.hub],
        ["Connection id", c.id],
        ["User", c.userId ?? "(none)"],
        ["Kind", c.kind],
        ["Transport", c.transport],
        ["Protocol", c.protocol ?? "(none)"],
        ["Groups", c.groups.join(", ") || "(none)"],
        ["Connected since", new Date(c.connectedAt).toLocaleString()],
        ["Messages in (pings excluded)", String(c.messagesIn)],
        ["Messages out (since the dashboard was first opened)", String(c.messagesOut)],
      ]
    : [["State", "This connection has closed."]];
  $("#detail-list").replaceChildren(
    ...rows.flatMap(([term, value]) => {
      const dt = document.createElement("dt");
      dt.textContent = term;
      const dd = document.createElement("dd");
      dd.textContent = value;
      return [dt, dd];
    }),
  );
}

$("#detail-close").addEventListener("click", () => {
  detailId = undefined;
  renderDetail();
  $("#conn-filter").focus();
});
$("#detail-events").addEventListener("click", () => {
  $("#f-connection").value = detailId?.id ?? "";
  refilter();
  location.hash = "#events";
});

function formatRemaining(pair) {
  if (pair.withoutTtl) return "no ttl (1 year)";
  const seconds = Math.max(0, Math.round((Date.parse(pair.expiresAt) - (Date.now() + clockOffset)) / 1000));
  if (seconds === 0) return "expired";
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return h > 0 ? `${h}h ${String(m).padStart(2, "0")}m` : `${m}:${String(s).padStart(2, "0")}`;
}

setInterval(() => {
  for (const td of $$("#pairs-table td.ttl")) {
    if (td.dataset.withoutTtl) continue;
    td.textContent = formatRemaining({ expiresAt: td.dataset.expiresAt });
  }
}, 1000);

// --- live events -----------------------------------------------------------------------------------------------

let kept = [];
let incoming = [];
let paused = false;
let frameRequested = false;
/** Events that arrived but will never be shown: the mock's own drops, the memory cap, rows pushed out of view. */
let droppedFromView = 0;

function receiveEvents(batch) {
  droppedFromView += batch.dropped ?? 0;
  for (const event of batch.events) incoming.push(event);
  if (incoming.length > MAX_KEPT) {
    droppedFromView += incoming.length - MAX_KEPT;
    incoming = incoming.slice(incoming.length - MAX_KEPT);
  }
  scheduleFrame();
}

function scheduleFrame() {
  if (frameRequested) return;
  frameRequested = true;
  requestAnimationFrame(flushEvents);
}

/** True when `kept` holds events the list does not show yet (the page was hidden): re-render before prepending. */
let stale = false;

function flushEvents() {
  frameRequested = false;
  if (paused) {
    updateInfo();
    return;
  }
  const batch = incoming.splice(0);
  absorb(batch);
  if ($("#events").hidden) {
    // Not on screen: keep the history (capped) and render once when the page is shown.
    stale = stale || batch.length > 0;
    return;
  }
  if (stale) {
    stale = false;
    refilter();
    return;
  }
  const matching = batch.filter(matches);
  if (matching.length > 0) prependRows(matching.slice(-MAX_VIEW));
  updateInfo();
}

/** Adds a batch to the kept history (the newest MAX_KEPT, for re-filtering). */
function absorb(batch) {
  for (const event of batch) kept.push(event);
  if (kept.length > MAX_KEPT) kept = kept.slice(kept.length - MAX_KEPT);
}

function prependRows(events) {
  const fragment = document.createDocumentFragment();
  for (let i = events.length - 1; i >= 0; i -= 1) fragment.append(eventRow(events[i]));
  ui.eventList.prepend(fragment);
  let extra = ui.eventList.childElementCount - MAX_VIEW;
  droppedFromView += Math.max(0, extra);
  while (extra-- > 0) ui.eventList.lastElementChild.remove();
}

function filterValues() {
  return {
    hub: $("#f-hub").value.trim().toLowerCase(),
    user: $("#f-user").value.trim(),
    connection: $("#f-connection").value.trim(),
    group: $("#f-group").value.trim(),
    kind: $("#f-kind").value,
  };
}
let filters = filterValues();

function matches(e) {
  if (filters.kind && e.kind !== filters.kind) return false;
  if (filters.hub) {
    const hub = (e.hub ?? "").toLowerCase();
    const path = (e.path ?? "").toLowerCase();
    if (!hub.includes(filters.hub) && !path.includes(`/hubs/${filters.hub}`)) return false;
  }
  if (filters.user && !(e.userId ?? "").includes(filters.user) && !(e.path ?? "").includes(`/users/${filters.user}`))
    return false;
  if (
    filters.connection &&
    !(e.connectionId ?? "").includes(filters.connection) &&
    !(e.connectionIds ?? []).some((id) => id.includes(filters.connection)) &&
    !(e.path ?? "").includes(`/connections/${filters.connection}`)
  )
    return false;
  if (filters.group && !(e.group ?? "").includes(filters.group) && !(e.path ?? "").includes(`/groups/${filters.group}`))
    return false;
  return true;
}

function refilter() {
  filters = filterValues();
  const matching = kept.filter(matches).slice(-MAX_VIEW);
  const fragment = document.createDocumentFragment();
  for (let i = matching.length - 1; i >= 0; i -= 1) fragment.append(eventRow(matching[i]));
  ui.eventList.replaceChildren(fragment);
  updateInfo();
}

function describeEvent(e) {
  switch (e.kind) {
    case "rest":
      return `${e.method} ${e.path} → ${e.status} (${e.ms.toFixed(1)} ms)`;
    case "connected":
      return `${e.connectionId} connected${e.userId ? ` as ${e.userId}` : ""} (${e.transport}${e.protocol ? `, ${e.protocol}` : ""})`;
    case "disconnected":
      return `${e.connectionId} disconnected${e.userId ? ` (${e.userId})` : ""}${e.reason ? `: ${e.reason}` : ""}`;
    case "delivered":
      return `'${e.target}' to ${e.recipients} connection${e.recipients === 1 ? "" : "s"}: ${e.connectionIds.join(", ")}${e.recipients > e.connectionIds.length ? ", …" : ""}`;
    default:
      return e.summary ?? JSON.stringify(e);
  }
}

function eventRow(e) {
  const li = document.createElement("li");
  const time = document.createElement("span");
  time.textContent = `${new Date(e.at).toLocaleTimeString(undefined, { hour12: false })}.${String(e.at % 1000).padStart(3, "0")}`;
  const kind = document.createElement("span");
  const failed = e.kind === "rest" && e.status >= 400;
  kind.className = `kind k-${failed ? "error" : e.kind}`;
  kind.textContent = failed ? `rest ${e.status}` : e.kind;
  const hub = document.createElement("span");
  hub.textContent = e.hub ?? "";
  const text = document.createElement("span");
  text.textContent = describeEvent(e);
  text.title = text.textContent;
  li.append(time, kind, hub, text);
  return li;
}

function updateInfo() {
  const shown = ui.eventList.childElementCount;
  const parts = [`${shown} shown (newest first, at most ${MAX_VIEW})`];
  if (droppedFromView > 0) parts.push(`${droppedFromView} events dropped from view`);
  if (paused) parts.push(`paused: ${incoming.length} waiting`);
  ui.eventInfo.textContent = parts.join(" · ");
}

ui.pause.addEventListener("click", () => {
  paused = !paused;
  ui.pause.setAttribute("aria-pressed", String(paused));
  ui.pause.textContent = paused ? "Resume" : "Pause";
  if (!paused) scheduleFrame();
  updateInfo();
});
$("#clear").addEventListener("click", () => {
  kept = [];
  incoming = [];
  droppedFromView = 0;
  ui.eventList.replaceChildren();
  updateInfo();
});
$("#event-filters").addEventListener("input", refilter);
$("#event-filters").addEventListener("submit", (e) => e.preventDefault());

// --- actions ---------------------------------------------------------------------------------------------------

/** Which form field an API error's `target` belongs to (REST names its parameters and body fields). */
const FIELD_OF = {
  hub: "hub",
  application: "hub",
  "message.target": "target",
  "message.arguments": "arguments",
  message: "arguments",
  arguments: "arguments",
  group: "group",
  user: "id",
  connectionId: "connectionId",
  reason: "reason",
  ttl: "ttl",
  name: "name",
  id: "id",
  yaml: "yaml",
  to: "to",
  member: "member",
};

function prefill(formSelector, values, focusSelector) {
  const form = $(formSelector);
  for (const [name, value] of Object.entries(values)) {
    const field = form.elements.namedItem(name);
    if (field) field.value = value;
  }
  syncSendForm();
  location.hash = "#actions";
  // hashchange comes later; the form must be visible now, or focus() is silently refused.
  showPage();
  $(focusSelector).focus();
}

function syncSendForm() {
  $("#send-name").disabled = $("#send-to").value === "all";
  $("#group-ttl").disabled = $("#group-member").value !== "user";
}
$("#send-to").addEventListener("change", syncSendForm);
$("#group-member").addEventListener("change", syncSendForm);

function fieldError(form, name) {
  return $(`.field-error[data-for="${name}"]`, form);
}

function clearErrors(form) {
  for (const p of $$(".field-error", form)) p.textContent = "";
  for (const field of $$("[aria-invalid]", form)) field.removeAttribute("aria-invalid");
  const problems = $(".problems", form);
  if (problems) problems.replaceChildren();
}

/** Shows a message next to its field (and links them for screen readers); false when the form has no such field. */
function showFieldError(form, target, message) {
  let name = FIELD_OF[target] ?? target;
  if (form.id === "group-form" && (target === "connectionId" || target === "user")) name = "id";
  if (form.id === "send-form" && ["group", "user", "connectionId"].includes(target)) name = "name";
  const holder = fieldError(form, name);
  const field = form.elements.namedItem(name);
  if (!holder || !field) return false;
  holder.id ||= `${form.id}-${name}-error`;
  holder.textContent = message;
  field.setAttribute("aria-invalid", "true");
  field.setAttribute("aria-describedby", holder.id);
  return true;
}

// Arguments are checked as they are typed, so a typo shows before the mock is asked.
$("#send-args").addEventListener("input", () => {
  const form = $("#send-form");
  const holder = fieldError(form, "arguments");
  const field = $("#send-args");
  holder.textContent = "";
  field.removeAttribute("aria-invalid");
  const text = field.value.trim();
  if (text === "") return;
  try {
    if (!Array.isArray(JSON.parse(text)))
      showFieldError(form, "arguments", 'Arguments must be a JSON array, e.g. ["hello", 42].');
  } catch (error) {
    showFieldError(form, "arguments", `Not valid JSON: ${error.message}`);
  }
});

function showResult(form, answer) {
  const result = $(".result", form);
  const outcome = document.createElement("p");
  outcome.className = `outcome ${answer.ok ? "k-ok" : "k-error"}`;
  const data = answer.data;
  if (data.ok) outcome.textContent = `✓ ${data.summary}`;
  else if (data.error) outcome.textContent = `✗ ${answer.status} ${data.error.code}: ${data.error.message}`;
  else outcome.textContent = `✗ ${answer.status} ${data.code ?? ""}: ${data.message ?? "the mock refused the call"}`;
  const parts = [outcome];
  if (data.note) {
    const note = document.createElement("p");
    note.textContent = data.note;
    parts.push(note);
  }
  if (data.curl) {
    const head = document.createElement("div");
    head.className = "curl-head";
    const label = document.createElement("span");
    label.textContent = "The same call with curl:";
    const copy = smallButton("Copy", "Copy the curl command", async () => {
      try {
        await navigator.clipboard.writeText(data.curl);
        copy.textContent = "Copied";
      } catch {
        getSelection().selectAllChildren(pre);
        copy.textContent = "Selected: press Ctrl+C";
      }
    });
    head.append(label, copy);
    const pre = document.createElement("pre");
    const code = document.createElement("code");
    code.textContent = data.curl;
    pre.append(code);
    parts.push(head, pre);
  }
  result.replaceChildren(...parts);
}

function showFixtureProblems(details) {
  const list = $("#fixture-problems");
  const textarea = $("#fixture-yaml");
  textarea.setAttribute("aria-invalid", "true");
  list.replaceChildren(
    ...details.map((d) => {
      const li = document.createElement("li");
      const where = d.line ? `line ${d.line}, column ${d.column}: ` : "";
      if (!d.line) {
        li.textContent = d.message;
        return li;
      }
      const jump = document.createElement("button");
      jump.type = "button";
      jump.className = "link";
      jump.textContent = `${where}${d.message}`;
      jump.addEventListener("click", () => selectLine(textarea, d.line, d.column));
      li.append(jump);
      return li;
    }),
  );
}

function selectLine(textarea, line, column) {
  const lines = textarea.value.split("\n");
  let offset = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i += 1) offset += lines[i].length + 1;
  const start = offset + Math.max(0, column - 1);
  textarea.focus();
  textarea.setSelectionRange(start, offset + (lines[line - 1]?.length ?? 0));
}

for (const form of $$("form[data-action]")) {
  // Editing a field clears the mock's message about it (the arguments box re-checks itself as it is typed).
  form.addEventListener("input", (event) => {
    const field = event.target;
    if (!field.name || field.id === "send-args" || field.getAttribute("aria-invalid") !== "true") return;
    field.removeAttribute("aria-invalid");
    const holder = fieldError(form, field.name);
    if (holder) holder.textContent = "";
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const action = event.submitter?.value || form.dataset.action;
    if (action === "reset" && !confirm("Reset the mock? Every connection is closed and every hub forgotten.")) return;
    clearErrors(form);
    const values = {};
    for (const field of form.elements) {
      if (field.name && field.name !== "op" && !field.disabled && "value" in field) values[field.name] = field.value;
    }
    const buttons = $$("button[type=submit]", form);
    for (const b of buttons) b.disabled = true;
    try {
      const answer = await postJson(`actions/${action}`, values);
      if (answer.status === 401) {
        await ensureSession();
      }
      const error = answer.data.error ?? (answer.ok ? undefined : answer.data);
      if (error?.target) showFieldError(form, error.target, error.message);
      if (error?.details?.length && form.id === "fixture-form") showFixtureProblems(error.details);
      showResult(form, answer);
    } catch (error) {
      showResult(form, { ok: false, status: 0, data: { message: `The mock did not answer: ${error.message}` } });
    } finally {
      for (const b of buttons) b.disabled = false;
    }
  });
}

// --- start -----------------------------------------------------------------------------------------------------

async function start() {
  syncSendForm();
  showPage();
  try {
    if (await ensureSession()) openStream();
  } catch {
    setStatus("lost", "Cannot reach the mock: retrying…");
    scheduleReconnect();
  }
}

start();
