// The curl line equivalent to a dashboard action, with the token from `npx hubkit token` (never a key in the page).

export interface CurlRequest {
  method: string;
  /** The mock's origin as the browser sees it, e.g. `http://localhost:8888`. */
  origin: string;
  /** Path and query, already percent-encoded. */
  target: string;
  /** The token's URL (path, for REST with its query, as the SDK signs it). */
  tokenFor: string;
  /** Set when the mock does not use the emulator's key: the token command then needs the user's key. */
  customKey: boolean;
  body?: { type: string; text: string };
}

/** Single quotes for the shell: nothing inside is expanded. */
function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

export function curlFor(request: CurlRequest): string {
  const key = request.customKey ? ' --access-key "$HUBKIT_ACCESS_KEY"' : "";
  const token = `$(npx hubkit token ${shellQuote(`${request.origin}${request.tokenFor}`)}${key})`;
  const lines = [
    `curl -i -X ${request.method} ${shellQuote(`${request.origin}${request.target}`)}`,
    `  -H "Authorization: Bearer ${token}"`,
  ];
  if (request.body) {
    lines.push(`  -H ${shellQuote(`Content-Type: ${request.body.type}`)}`);
    lines.push(`  --data-binary ${shellQuote(request.body.text)}`);
  }
  return lines.join(" \\\n");
}
