// What the editor remembers about MCP between windows (the core's McpMemory contract,
// src/core/mcp/types.ts), kept in VS Code's own storage, never in a file a repository
// could ship:
// - workspace servers the user approved: the workspace's state (per workspace, as the
//   issue asks), by workspace root and server name, holding the approved command's
//   fingerprint (a changed command no longer matches, so it is asked again);
// - tools the user always allows: the global state, by scope ("user" for the user's own
//   servers, the workspace root for a workspace's servers), server and tool.
// vscode-free: it takes the two stores as Memento-like objects.
import type { McpMemory } from '../../core/index';

/** The part of vscode.Memento used here. */
export interface StateStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

export const APPROVED_SERVERS_KEY = 'tandem.mcp.approvedServers';
export const ALWAYS_ALLOWED_KEY = 'tandem.mcp.alwaysAllowed';

type Nested<T> = Record<string, Record<string, T>>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The stored map, or an empty one when what is stored is not ours (it can only forget, never grant). */
function read<T>(store: StateStore, key: string, valid: (v: unknown) => v is T): Nested<T> {
  const raw = store.get<unknown>(key);
  if (!isRecord(raw)) return {};
  const out: Nested<T> = {};
  for (const [outer, inner] of Object.entries(raw)) {
    if (!isRecord(inner)) continue;
    const kept: Record<string, T> = {};
    for (const [k, v] of Object.entries(inner)) if (valid(v)) kept[k] = v;
    out[outer] = kept;
  }
  return out;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);

export function createStateMcpMemory(workspace: StateStore, global: StateStore): McpMemory {
  // changes run one after another, each on freshly read data, so two answers given
  // together (two sessions asking) are both kept
  let chain: Promise<unknown> = Promise.resolve();
  const serial = (change: () => PromiseLike<void>): Promise<void> => {
    const next = chain.then(change);
    chain = next.catch(() => undefined);
    return next;
  };
  return {
    async approvedServer(root, server) {
      return read(workspace, APPROVED_SERVERS_KEY, isString)[root]?.[server];
    },
    approveServer(root, server, fingerprint) {
      return serial(() => {
        const data = read(workspace, APPROVED_SERVERS_KEY, isString);
        (data[root] ??= {})[server] = fingerprint;
        return workspace.update(APPROVED_SERVERS_KEY, data);
      });
    },
    async isToolAlwaysAllowed(scope, server, tool) {
      return read(global, ALWAYS_ALLOWED_KEY, isStringList)[scope]?.[server]?.includes(tool) ?? false;
    },
    allowToolAlways(scope, server, tool) {
      return serial(() => {
        const data = read(global, ALWAYS_ALLOWED_KEY, isStringList);
        const tools = ((data[scope] ??= {})[server] ??= []);
        if (!tools.includes(tool)) tools.push(tool);
        return global.update(ALWAYS_ALLOWED_KEY, data);
      });
    },
  };
}
