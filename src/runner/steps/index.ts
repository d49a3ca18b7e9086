// The step kind registry: each kind is one file; the loader and the runner look kinds up here, never by if-chains.
import type { StepKind } from "../step-kind.js";
import { callStep } from "./call.js";
import { connectStep } from "./connect.js";
import { disconnectStep } from "./disconnect.js";
import { expectAttemptsStep } from "./expect-attempts.js";
import { expectClosedStep } from "./expect-closed.js";
import { expectMessageStep } from "./expect-message.js";
import { expectPingStep } from "./expect-ping.js";
import { expectUpstreamStep } from "./expect-upstream.js";
import { faultStep } from "./fault.js";
import { invokeStep } from "./invoke.js";
import { requestStep } from "./request.js";
import { seedStep } from "./seed.js";
import { sendStep } from "./send.js";
import { upstreamCallStep } from "./upstream-call.js";
import { waitStep } from "./wait.js";

export const stepKinds: readonly StepKind[] = [
  callStep,
  requestStep,
  connectStep,
  disconnectStep,
  expectMessageStep,
  expectClosedStep,
  expectPingStep,
  seedStep,
  waitStep,
  invokeStep,
  sendStep,
  expectUpstreamStep,
  upstreamCallStep,
  faultStep,
  expectAttemptsStep,
];

export const stepKindsByName: ReadonlyMap<string, StepKind> = new Map(stepKinds.map((k) => [k.name, k]));
