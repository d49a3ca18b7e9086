// A small app server's send path that retries `:send` on any 5xx: the bug hubkit's deliverThenFail exposes.
// Run against the mock: `hubkit mock --faults examples/faults/deliver-then-fail.yaml`, then
// `node examples/faults/app-server-retry.mjs`; a client connected to hub `chat` receives "hello" twice.
import { createHmac } from "node:crypto";

const endpoint = process.env.SIGNALR_ENDPOINT ?? "http://127.0.0.1:8888";
const key = process.env.SIGNALR_KEY ?? "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH";

function token(audience) {
  const b64 = (v) => Buffer.from(JSON.stringify(v)).toString("base64url");
  const body = `${b64({ alg: "HS256", typ: "JWT" })}.${b64({ aud: audience, exp: Math.floor(Date.now() / 1000) + 300 })}`;
  return `${body}.${createHmac("sha256", key).update(body).digest("base64url")}`;
}

async function sendWithRetry(hub, target, args, attempts = 3) {
  const path = `/api/hubs/${hub}/:send?api-version=2022-06-01`;
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(endpoint + path, {
      method: "POST",
      headers: { authorization: `Bearer ${token(endpoint + path)}`, "content-type": "application/json" },
      body: JSON.stringify({ target, arguments: args }),
    });
    // The bug: a 500 from a message API may mean "delivered, then failed"; retrying it delivers twice.
    // The Management SDK retries message APIs only on 502-504 for exactly this reason.
    if (res.status < 500 || attempt === attempts) return res.status;
    await new Promise((resolve) => setTimeout(resolve, 800));
  }
}

console.log("status:", await sendWithRetry("chat", "newMessage", ["hello"]));
