// Bench child: runs `prism mock` as its own child and takes it down with it, even if the bench is killed outright.
import { killAllChildren } from "../lib/children.js";
import { serveIpc } from "../lib/ipc.js";
import { startPrism } from "../lib/prism.js";

// serveIpc exits this process when the bench goes away (IPC closed) or on SIGTERM; Prism never outlives it.
process.on("exit", killAllChildren);
const prism = await startPrism();
serveIpc({ url: prism.url, pid: prism.child.pid }, {});
