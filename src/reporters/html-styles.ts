// The report.html stylesheet, inlined so the file is self-contained (no fonts, images or scripts fetched).

export const HTML_STYLES = `
:root {
  --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #f6f8fa; --card: #ffffff;
  --pass: #1a7f37; --pass-bg: #dafbe1; --fail: #cf222e; --fail-bg: #ffebe9;
  --error: #bc4c00; --error-bg: #fff1e5; --skip: #59636e; --skip-bg: #eff2f5;
  --undoc: #8250df; --undoc-bg: #fbefff; --gap-bg: #fff8c5; --accent: #0969da;
  --mono: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace;
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1280px; margin: 0 auto; padding: 16px 20px 48px; }
h1 { font-size: 20px; margin: 0; display: flex; align-items: center; gap: 10px; flex-wrap: wrap; }
h2 { font-size: 16px; margin: 28px 0 10px; }
h3 { font-size: 14px; margin: 0; }
code, pre, .mono { font-family: var(--mono); font-size: 12px; }
.muted { color: var(--muted); }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; }
header.run { padding: 14px 18px; }
.meta { display: flex; flex-wrap: wrap; gap: 4px 18px; margin-top: 6px; color: var(--muted); font-size: 13px; }
.meta b { color: var(--fg); font-weight: 600; }
.verdict { font-size: 12px; font-weight: 700; letter-spacing: .04em; padding: 3px 10px; border-radius: 999px; }
.verdict.ok { background: var(--pass-bg); color: var(--pass); }
.verdict.bad { background: var(--fail-bg); color: var(--fail); }
a.jump { font-size: 13px; font-weight: 600; color: var(--fail); margin-left: auto; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(120px, 1fr)); gap: 10px; margin-top: 12px; }
.figure { padding: 10px 14px; }
.figure .n { font-size: 24px; font-weight: 700; line-height: 1.1; }
.figure .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.figure.passed .n { color: var(--pass); } .figure.failed .n { color: var(--fail); }
.figure.errored .n { color: var(--error); } .figure.skipped .n { color: var(--skip); }
.figure.zero .n { color: var(--muted); }
.bar { height: 6px; background: var(--bg); border-radius: 3px; margin-top: 6px; overflow: hidden; }
.bar span { display: block; height: 100%; background: var(--accent); }
.matrix-wrap { overflow-x: auto; }
.matrix-wrap h3.version { padding: 12px 12px 6px; }
.matrix-wrap h3.version ~ h3.version { border-top: 1px solid var(--line); margin-top: 8px; }
table { border-collapse: collapse; width: 100%; }
table.matrix th, table.matrix td { border-bottom: 1px solid var(--line); padding: 3px 6px; }
table.matrix thead th { font-size: 12px; color: var(--muted); font-weight: 600; background: var(--card); position: sticky; top: 0; }
table.matrix th.op { text-align: left; font-weight: 400; white-space: nowrap; }
table.matrix .opid { color: var(--muted); font-size: 11px; margin-left: 10px; }
table.matrix td { text-align: center; width: 58px; font-family: var(--mono); font-size: 12px; }
td.c-passed { background: var(--pass-bg); color: var(--pass); font-weight: 700; }
td.c-failed { background: var(--fail-bg); color: var(--fail); font-weight: 700; }
td.c-untested { color: #9a6700; background: var(--gap-bg); }
td.c-none { color: #c4cbd3; }
td.c-undoc { outline: 2px solid var(--undoc); outline-offset: -3px; }
.method { display: inline-block; min-width: 52px; font: 700 11px var(--mono); padding: 1px 5px; border-radius: 4px; text-align: center; margin-right: 6px; color: #fff; }
.m-GET, .m-HEAD { background: #0969da; } .m-POST { background: #1a7f37; } .m-PUT { background: #9a6700; } .m-DELETE { background: #cf222e; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 16px; padding: 8px 12px; font-size: 12px; color: var(--muted); border-top: 1px solid var(--line); }
.legend i { display: inline-block; width: 14px; height: 14px; vertical-align: -3px; margin-right: 4px; border: 1px solid var(--line); }
.badge { display: inline-block; font-size: 11px; font-weight: 700; text-transform: uppercase; padding: 1px 7px; border-radius: 999px; letter-spacing: .03em; }
.b-passed { background: var(--pass-bg); color: var(--pass); } .b-failed { background: var(--fail-bg); color: var(--fail); }
.b-errored { background: var(--error-bg); color: var(--error); } .b-skipped { background: var(--skip-bg); color: var(--skip); }
.failure { margin-bottom: 12px; border-left: 4px solid var(--fail); }
.failure.errored { border-left-color: var(--error); }
.failure > header { padding: 10px 14px; display: flex; gap: 10px; align-items: baseline; flex-wrap: wrap; border-bottom: 1px solid var(--line); }
.step { padding: 10px 14px; border-bottom: 1px solid var(--line); }
.step:last-child { border-bottom: 0; }
.problem { margin: 4px 0; font-weight: 600; }
.hint { margin: 4px 0; color: var(--muted); }
.check { margin: 8px 0; }
.diff { margin: 4px 0 0; padding: 6px 0; background: var(--bg); border-radius: 6px; overflow-x: auto; }
.diff div { padding: 0 10px; white-space: pre; }
.diff .removed { background: var(--pass-bg); } .diff .added { background: var(--fail-bg); }
.diff .removed::before { content: "- "; } .diff .added::before { content: "+ "; } .diff .same::before { content: "  "; }
.diff-legend { font-size: 12px; color: var(--muted); }
.inline-values { margin: 2px 0 0 16px; color: var(--muted); }
.inline-values code { padding: 1px 6px; border-radius: 4px; color: var(--fg); }
.inline-values .exp { background: var(--pass-bg); } .inline-values .act { background: var(--fail-bg); }
.exchange { display: grid; grid-template-columns: 1fr 1fr; gap: 10px; margin-top: 8px; }
@media (max-width: 900px) { .exchange { grid-template-columns: 1fr; } }
.exchange pre { margin: 0; padding: 8px 10px; background: #0d1117; color: #e6edf3; border-radius: 6px; overflow: auto; max-height: 260px; white-space: pre-wrap; word-break: break-all; }
.exchange h4 { margin: 0 0 4px; font-size: 12px; color: var(--muted); }
.violations-title { margin: 8px 0 0; }
ul.violations { margin: 2px 0 0; padding-left: 20px; color: var(--undoc); }
.filters { display: flex; gap: 6px; margin: 0 0 8px; }
.filters button { font: inherit; font-size: 12px; padding: 3px 10px; border: 1px solid var(--line); background: var(--card); border-radius: 999px; cursor: pointer; }
.filters button[aria-pressed="true"] { background: var(--fg); color: #fff; border-color: var(--fg); }
table.tests td, table.tests th { padding: 5px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
table.tests th { font-size: 12px; color: var(--muted); background: var(--bg); }
table.tests { table-layout: fixed; }
table.tests td { overflow-wrap: anywhere; }
table.tests .c-outcome { width: 104px; } table.tests .c-suite { width: 12%; } table.tests .c-name { width: 28%; }
table.tests .c-where { width: 19%; } table.tests .c-time { width: 72px; }
table.tests td.note { color: var(--muted); font-size: 13px; }
table.tests td.num { text-align: right; white-space: nowrap; color: var(--muted); }
body[data-filter="failed"] tr.t:not(.t-failed):not(.t-errored) { display: none; }
body[data-filter="skipped"] tr.t:not(.t-skipped) { display: none; }
body[data-filter="passed"] tr.t:not(.t-passed) { display: none; }
footer { margin-top: 24px; color: var(--muted); font-size: 12px; }
`;
