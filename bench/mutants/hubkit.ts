// `hubkit` from the TypeScript sources (run through tsx), for the mutants: each mutant is a patched copy of src/, so
// the compiled dist/ that bin/hubkit.js runs would not carry the mutation.
import { main } from "../../src/cli/main.js";

await main(process.argv);
