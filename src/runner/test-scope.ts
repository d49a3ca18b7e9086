// The names a running test can resolve: suite variables, captures, clients, `${env.NAME}`, `${secret.NAME}`,
// `${run.id}`, `${test.id}`.
import type { Scope } from "../suite/index.js";

export class TestScope implements Scope {
  private readonly values = new Map<string, unknown>();

  constructor(private readonly env: Readonly<Record<string, string | undefined>>) {}

  get(name: string): unknown {
    if (name.startsWith("env.")) return this.env[name.slice(4)];
    if (name.startsWith("secret.")) return this.env[name.slice(7)];
    return this.values.get(name);
  }

  set(name: string, value: unknown): void {
    this.values.set(name, value);
  }
}
