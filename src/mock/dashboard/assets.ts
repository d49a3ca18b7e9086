// The dashboard's static files: plain files next to this module (copied to dist by scripts/copy-dashboard-assets.mjs).
import { readFile } from "node:fs/promises";
import type { ServerResponse } from "node:http";

const ASSETS = new URL("./assets/", import.meta.url);

/** Only these names are served: no path from the request ever reaches the file system. */
const TYPES: Readonly<Record<string, string>> = {
  "index.html": "text/html; charset=utf-8",
  "app.js": "text/javascript; charset=utf-8",
  "style.css": "text/css; charset=utf-8",
  "icon.svg": "image/svg+xml",
};

/** The page may load only its own files and talk only to its own origin. */
const SECURITY_HEADERS = {
  "Content-Security-Policy":
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "Cache-Control": "no-cache",
};

const cache = new Map<string, Buffer>();

export function isAsset(name: string): boolean {
  return Object.hasOwn(TYPES, name);
}

/** Answers 200 with the file, or 500 when the package lacks it (a build that forgot to copy the assets). */
export async function sendAsset(res: ServerResponse, name: string, head: boolean): Promise<void> {
  let body = cache.get(name);
  if (!body) {
    try {
      body = await readFile(new URL(name, ASSETS));
    } catch {
      const text = `The dashboard file ${name} is missing from ${ASSETS.pathname}: the package was built without its assets (scripts/copy-dashboard-assets.mjs).`;
      res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8", "Content-Length": Buffer.byteLength(text) });
      res.end(text);
      return;
    }
    cache.set(name, body);
  }
  res.writeHead(200, { "Content-Type": TYPES[name]!, "Content-Length": body.length, ...SECURITY_HEADERS });
  res.end(head ? undefined : body);
}
