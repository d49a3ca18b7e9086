// Text from suites, pacts and services made safe for a terminal: control characters shown, never obeyed.

/** C0 controls (tab and line feed handled by the callers), DEL and C1 controls (0x80-0x9F, e.g. CSI). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this module's job
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

function visible(char: string): string {
  return `\\x${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`;
}

/**
 * One line of text: every control character, line breaks and tabs included, shown as `\xHH`, so a name with
 * `ESC[2J` cannot clear the screen and one with `\n` cannot forge a line of output.
 */
export function escapeTerminalLine(text: string): string {
  return text.replace(CONTROL, visible).replaceAll("\n", "\\n").replaceAll("\t", "\\t");
}

/** Several lines: line breaks (and tabs) kept for layout, every other control character shown as `\xHH`. */
export function escapeTerminalText(text: string): string {
  return text.replace(CONTROL, visible);
}
