// The MCP servers of a workspace: started when a session first needs them (in parallel,
// each bounded by the start-up timeout), shared by the sessions that use the hub, and
// stopped on dispose. The CLI gives each run its own hub (the agent owns it); the editor
// host can keep one per window and pass it to every session.
//
// Workspace-declared servers: never started in an untrusted workspace; in a trusted one
// only after the user approved that server's exact command (asked through the session's
// Approvals, remembered in McpMemory, asked again when the command changes). A declined
// server stays stopped for the hub's life.
import type { Approvals } from '../approvals/types';
import { serverFingerprint, describeTarget } from './config';
import { McpCallError, McpConnection } from './connection';
import { createMemoryMcpMemory } from './memory';
import type { McpCallResult } from './result';
import type { McpEvent, McpMemory, McpServerEntry, McpServerSource, McpServerStatus, McpToolInfo } from './types';
import { isStdioConfig } from './types';

export const DEFAULT_STARTUP_TIMEOUT_MS = 30_000;
export const DEFAULT_TOOL_TIMEOUT_MS = 120_000;

export interface McpHubOptions {
  servers: McpServerEntry[];
  workspaceRoot: string;
  /** Workspace Trust: when false, servers the workspace declares never start. */
  trusted: boolean;
  /** Approved workspace servers and always-allowed tools (default: remembered in memory only). */
  memory?: McpMemory;
  /** Environment stdio servers inherit, stripped of secrets (default process.env). */
  env?: NodeJS.ProcessEnv;
  startupTimeoutMs?: number;
  clientVersion?: string;
}

export interface McpToolEntry {
  server: string;
  source: McpServerSource;
  tool: McpToolInfo;
  /** How long a call may take. */
  timeoutMs: number;
}

export interface McpSessionStart {
  /** The tools of the servers that are ready, in configuration order. */
  tools: McpToolEntry[];
  /** Servers that did not start, and why (one sentence each). */
  warnings: string[];
}

export interface McpHub {
  readonly workspaceRoot: string;
  readonly memory: McpMemory;
  status(): McpServerStatus[];
  /** Returns an unsubscribe function. */
  onEvent(listener: (event: McpEvent) => void): () => void;
  /**
   * Starts every enabled server that is not running (workspace servers only with trust
   * and approval, asked through `approvals`) and returns the tools of those ready.
   * Sessions call it once, when their first turn starts.
   */
  startSession(approvals: Approvals, signal: AbortSignal): Promise<McpSessionStart>;
  /** Throws McpCallError for a server problem (not running, crashed, timed out, failed). */
  callTool(server: string, tool: string, args: Record<string, unknown>, options: { signal: AbortSignal; timeoutMs: number }): Promise<McpCallResult>;
  /** Restarts a server now (a workspace server only if trusted and already approved). */
  restart(server: string): Promise<void>;
  /** Turns a server off (stopped now) or on again (it starts with the next session). */
  setEnabled(server: string, enabled: boolean): Promise<void>;
  dispose(): Promise<void>;
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason ?? new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => (signal.removeEventListener('abort', onAbort), resolve(v)),
      (e) => (signal.removeEventListener('abort', onAbort), reject(e)),
    );
  });
}

export function createMcpHub(options: McpHubOptions): McpHub {
  const memory = options.memory ?? createMemoryMcpMemory();
  const listeners = new Set<(e: McpEvent) => void>();
  const emit = (e: McpEvent) => {
    for (const l of [...listeners]) l(e);
  };
  const connections = new Map<string, McpConnection>();
  for (const entry of options.servers) {
    const conn: McpConnection = new McpConnection({
      entry,
      workspaceRoot: options.workspaceRoot,
      env: options.env ?? process.env,
      startupTimeoutMs: options.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS,
      clientVersion: options.clientVersion ?? '0.1.0',
      onUpdate: () => emit({ type: 'mcp/server_updated', server: conn.status() }),
      onToolsChanged: (tools) => {
        conn.note = `its tools changed (now ${tools.length}); sessions already started keep their list, new sessions get the new one`;
        emit({ type: 'mcp/tools_changed', server: entry.name, note: `MCP server "${entry.name}": ${conn.note}.` });
      },
    });
    if (entry.config.disabled) conn.state = 'disabled';
    connections.set(entry.name, conn);
  }
  const declined = new Set<string>();
  let disposed = false;
  // sessions start one at a time, so one approval question per server even if two sessions start together
  let chain: Promise<unknown> = Promise.resolve();

  const get = (name: string): McpConnection => {
    const c = connections.get(name);
    if (!c) throw new McpCallError(`There is no MCP server named "${name}".`);
    return c;
  };

  /** True when the workspace server may start now (asking if needed); a reason when not. */
  async function admit(conn: McpConnection, entry: McpServerEntry, approvals: Approvals, signal: AbortSignal): Promise<true | string> {
    if (!options.trusted) {
      conn.setIdleState('blocked', 'declared by this workspace, which is not trusted: it is never started here');
      return `it is declared by this workspace (${entry.origin}), which is not trusted`;
    }
    if (declined.has(entry.name)) return 'you declined to start it';
    const fingerprint = serverFingerprint(entry.config);
    if ((await memory.approvedServer(options.workspaceRoot, entry.name)) === fingerprint) return true;
    conn.setIdleState('awaiting_approval');
    const { config } = entry;
    const decision = await approvals.request(
      {
        type: 'mcp_server',
        server: entry.name,
        origin: entry.origin,
        ...(isStdioConfig(config)
          ? { command: describeTarget(config), cwd: config.cwd ?? '.', envKeys: Object.keys(config.env ?? {}) }
          : { url: config.url, headerKeys: Object.keys(config.headers ?? {}) }),
        why: 'This repository declares an MCP server. It would run as your own program, outside the sandbox, with your permissions. It starts only if you approve this exact command.',
      },
      signal,
    );
    // fail closed: only an explicit allow starts it (a deny, or any answer this code does not know)
    if (decision.decision !== 'allow_once' && decision.decision !== 'allow_session' && decision.decision !== 'allow_always') {
      declined.add(entry.name);
      const reason = 'reason' in decision && decision.reason ? `: ${decision.reason}` : '';
      conn.setIdleState('blocked', `not approved${reason}`);
      return `it was not approved${reason}`;
    }
    await memory.approveServer(options.workspaceRoot, entry.name, fingerprint);
    return true;
  }

  async function startSessionNow(approvals: Approvals, signal: AbortSignal): Promise<McpSessionStart> {
    if (disposed) return { tools: [], warnings: ['MCP servers are not available: they were shut down.'] };
    const warnings: string[] = [];
    const wanted: McpConnection[] = [];
    for (const conn of connections.values()) {
      const entry = options.servers.find((e) => e.name === conn.name)!;
      if (conn.state === 'disabled') continue;
      if (entry.source === 'workspace' && conn.state !== 'ready') {
        const admitted = await admit(conn, entry, approvals, signal);
        if (admitted !== true) {
          warnings.push(`MCP server "${entry.name}" was not started: ${admitted}.`);
          continue;
        }
      }
      wanted.push(conn);
    }
    await abortable(Promise.all(wanted.map((c) => c.start())), signal);
    const tools: McpToolEntry[] = [];
    for (const conn of wanted) {
      const entry = options.servers.find((e) => e.name === conn.name)!;
      if (conn.state !== 'ready') {
        const stderr = conn.status().stderrTail?.split('\n').at(-1);
        warnings.push(`MCP server "${conn.name}" could not start: ${conn.error ?? conn.state}.${stderr ? ` Its last output: ${stderr}` : ''}`);
        continue;
      }
      const timeoutMs = entry.config.timeout ? entry.config.timeout * 1000 : DEFAULT_TOOL_TIMEOUT_MS;
      for (const tool of conn.tools) tools.push({ server: conn.name, source: entry.source, tool, timeoutMs });
    }
    return { tools, warnings };
  }

  return {
    workspaceRoot: options.workspaceRoot,
    memory,
    status: () => [...connections.values()].map((c) => c.status()),
    onEvent(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    startSession(approvals, signal) {
      const next = chain.then(() => startSessionNow(approvals, signal));
      chain = next.catch(() => undefined);
      return next;
    },
    callTool: (server, tool, args, callOptions) => get(server).callTool(tool, args, callOptions),
    async restart(server) {
      const conn = get(server);
      const entry = options.servers.find((e) => e.name === server)!;
      if (conn.state === 'disabled') throw new McpCallError(`The MCP server "${server}" is disabled; enable it first.`);
      if (entry.source === 'workspace') {
        const approved = options.trusted && (await memory.approvedServer(options.workspaceRoot, server)) === serverFingerprint(entry.config);
        if (!approved) throw new McpCallError(`The MCP server "${server}" is declared by the workspace and has not been approved; it starts with the next session, after you approve it.`);
      }
      await conn.restart();
    },
    async setEnabled(server, enabled) {
      const conn = get(server);
      if (!enabled) {
        await conn.stop(false);
        conn.setIdleState('disabled');
      } else if (conn.state === 'disabled') {
        conn.setIdleState('idle');
      }
    },
    async dispose() {
      disposed = true;
      await Promise.all([...connections.values()].map((c) => c.stop()));
      listeners.clear();
    },
  };
}
