// Bench child: the ceiling. A bare node:http server that answers the benched routes and does nothing else.
import { createServer } from "node:http";
import { serveIpc } from "../lib/ipc.js";
import { HEAD_PATH, SEND_PATH } from "../lib/routes.js";

const EMPTY = { "content-length": "0" };

const server = createServer((req, res) => {
  if (req.method === "POST" && req.url === SEND_PATH) {
    // The body must still be read before answering, as any real server would.
    req.on("data", () => {});
    req.on("end", () => {
      res.writeHead(202, EMPTY);
      res.end();
    });
    return;
  }
  res.writeHead(req.method === "HEAD" && req.url === HEAD_PATH ? 200 : 404, EMPTY);
  res.end();
});

server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  serveIpc({ port, url: `http://127.0.0.1:${port}` }, {});
});
