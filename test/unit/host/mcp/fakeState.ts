// A Memento-like store (workspaceState, globalState) whose updates finish later, like VS Code's.
import type { StateStore } from '../../../../src/host/mcp/stateMemory';

export class FakeState implements StateStore {
  data = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return structuredClone(this.data.get(key)) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    await new Promise((r) => setImmediate(r));
    this.data.set(key, structuredClone(value));
  }
}
