// hubkit's own version, read once from package.json (reports record which hubkit produced them).
import { readFileSync } from "node:fs";

export const HUBKIT_VERSION: string = (
  JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }
).version;
