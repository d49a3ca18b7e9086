// `:generateToken` and `GET /api/auth/accessKey`: what an app server asks for to let clients connect.
import { createHash } from "node:crypto";
import { clientAudience, signAccessToken } from "../../auth/index.js";
import { firstValue } from "./query.js";
import type { HandlerTable } from "./types.js";

const DEFAULT_MINUTES = 60;

export const clientTokenHandlers: HandlerTable = {
  // The audience the service uses for clients: `<origin>/client/?hub=<hub>`, as negotiate answers it.
  HubProxyV20221101_GenerateClientToken: async ({ params, query, origin, services }) => {
    const userId = firstValue(query, "userid");
    const minutes = Number(firstValue(query, "minutestoexpire") ?? DEFAULT_MINUTES);
    const token = await signAccessToken({
      accessKey: services.accessKeys[0]!,
      audience: clientAudience(origin, params.hub!),
      expiresInSeconds: minutes * 60,
      claims: userId === undefined ? {} : { "asrs.s.uid": userId },
      now: services.clock,
    });
    return { kind: "reply", body: { token } };
  },
  // The mock has no Entra ID: it hands out its first access key, which it accepts, with a stable id (docs/fidelity.md).
  Auth_GetAccessKey: ({ services }) => {
    const key = services.accessKeys[0]!;
    const keyId = createHash("sha256").update(key).digest("hex").slice(0, 16);
    return { kind: "reply", body: { AccessKey: key, KeyId: keyId } };
  },
};
