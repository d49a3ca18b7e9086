#!/usr/bin/env node
// Entry point of the `hubkit` command: runs the TypeScript CLI through tsx, so a clone works without a build step.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
