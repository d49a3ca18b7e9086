// Finds a free TCP port for child servers that cannot report the port they bound (Prism has no port 0 readout).
import { createServer } from "node:net";

/** Binds port 0, reads the port the OS chose, releases it. A later bind may still race; callers retry on EADDRINUSE. */
export function findFreePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
