// The step kind registry: each kind is one file; the loader and the runner look kinds up here, never by if-chains.
import type { StepKind } from "../step-kind.js";
import { callStep } from "./call.js";
import { connectStep } from "./connect.js";
import { disconnectStep } from "./disconnect.js";
import { expectAttemptsStep } from "./expect-attempts.js";
import { expectClosedStep } from "./expect-closed.js";
import { expectMessageStep } from "./expect-message.js";
import { faultStep } from "./fault.js";
import { requestStep } from "./request.js";
import { seedStep } from "./seed.js";
import { waitStep } from "./wait.js";

export const stepKinds: readonly StepKind[] = [
  callStep,
  requestStep,
  connectStep,
  disconnectStep,
  expectMessageStep,
  expectClosedStep,
  seedStep,
  waitStep,
  faultStep,
  expectAttemptsStep,
];

export const stepKindsByName: ReadonlyMap<string, StepKind> = new Map(stepKinds.map((k) => [k.name, k]));
