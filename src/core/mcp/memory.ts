// McpMemory implementations: in memory (tests, embedders that remember nothing) and a
// JSON file (the CLI: ~/.tandem/mcp-approvals.json). The file is re-read before every
// change and replaced atomically (write, then rename), so two CLI runs do not lose each
// other's answers and a crash never leaves half a file.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { McpMemory } from './types';

interface MemoryData {
  version: 1;
  /** workspace root -> server -> approved fingerprint */
  workspaceServers: Record<string, Record<string, string>>;
  /** scope -> server -> tools always allowed */
  alwaysAllowed: Record<string, Record<string, string[]>>;
}

const empty = (): MemoryData => ({ version: 1, workspaceServers: {}, alwaysAllowed: {} });

function operations(load: () => Promise<MemoryData>, save: (data: MemoryData) => Promise<void>): McpMemory {
  // changes are applied one at a time, each on freshly loaded data
  let chain: Promise<unknown> = Promise.resolve();
  const update = (change: (data: MemoryData) => void): Promise<void> => {
    const next = chain.then(async () => {
      const data = await load();
      change(data);
      await save(data);
    });
    chain = next.catch(() => undefined);
    return next;
  };
  return {
    async approvedServer(root, server) {
      return (await load()).workspaceServers[root]?.[server];
    },
    approveServer(root, server, fingerprint) {
      return update((d) => void ((d.workspaceServers[root] ??= {})[server] = fingerprint));
    },
    async isToolAlwaysAllowed(scope, server, tool) {
      return (await load()).alwaysAllowed[scope]?.[server]?.includes(tool) ?? false;
    },
    allowToolAlways(scope, server, tool) {
      return update((d) => {
        const list = ((d.alwaysAllowed[scope] ??= {})[server] ??= []);
        if (!list.includes(tool)) list.push(tool);
      });
    },
  };
}

/** Remembers for the life of the object only. */
export function createMemoryMcpMemory(): McpMemory {
  let data = empty();
  return operations(
    async () => structuredClone(data),
    async (d) => void (data = d),
  );
}

function valid(value: unknown): value is MemoryData {
  const v = value as MemoryData;
  return typeof v === 'object' && v !== null && v.version === 1 && typeof v.workspaceServers === 'object' && typeof v.alwaysAllowed === 'object';
}

/**
 * Remembers in a JSON file. A missing file is empty; a file that is not ours (bad JSON,
 * unknown version) is treated as empty and replaced on the next change, so a corrupt
 * file can only forget approvals, never grant one.
 */
export function createFileMcpMemory(file: string): McpMemory {
  const load = async (): Promise<MemoryData> => {
    try {
      const value = JSON.parse(await fs.readFile(file, 'utf8'));
      return valid(value) ? value : empty();
    } catch {
      return empty();
    }
  };
  const save = async (data: MemoryData) => {
    await fs.mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    await fs.writeFile(tmp, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
    await fs.rename(tmp, file);
  };
  return operations(load, save);
}
