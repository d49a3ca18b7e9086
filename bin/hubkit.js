#!/usr/bin/env node
// Entry point of the `hubkit` command: runs the compiled CLI in dist/ (built by `npm run build`, `prepare` and
// `prepack`), so starting costs no TypeScript transpilation.
import { main } from "../dist/cli/main.js";

await main(process.argv);
