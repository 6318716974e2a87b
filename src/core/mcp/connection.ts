// One configured MCP server and its life: start (bounded by the start-up timeout), the
// tool list, tool calls, and stop. A server that ends unexpectedly (a stdio process that
// crashed or was killed) fails the calls in flight with a clear error, is restarted once
// in the background, and is left `failed` if it ends again; the user can restart it.
//
// Contract: no method throws for a server problem except callTool (McpCallError, which
// the tool adapter turns into a tool error). stop() waits until a stdio process has
// exited and its pipes are closed, so nothing leaks.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { McpServerEntry, McpServerState, McpServerStatus, McpToolInfo } from './types';
import { describeTarget, transportOf } from './config';
import { CLOSE_WAIT_MS, openClient, settleWithin, type OpenClient } from './transport';
import type { McpCallResult } from './result';

export class McpCallError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'McpCallError';
  }
}

export interface ConnectionDeps {
  entry: McpServerEntry;
  workspaceRoot: string;
  env: NodeJS.ProcessEnv;
  startupTimeoutMs: number;
  clientVersion: string;
  /** Status changed (state, tools, error, note). */
  onUpdate(): void;
  /** The tool list changed while running (old and new lists differ). */
  onToolsChanged(tools: McpToolInfo[]): void;
}

const STDERR_KEEP = 4096;
const STDERR_LINES = 20;

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0].trim() || 'unknown error';
}

function toInfo(t: { name: string; title?: string; description?: string; inputSchema: unknown; annotations?: McpToolInfo['annotations'] }): McpToolInfo {
  return {
    name: t.name,
    ...(t.title ? { title: t.title } : {}),
    description: t.description ?? '',
    inputSchema: (t.inputSchema ?? {}) as Record<string, unknown>,
    ...(t.annotations ? { annotations: t.annotations } : {}),
  };
}

async function listAllTools(client: Client, signal?: AbortSignal): Promise<McpToolInfo[]> {
  const tools: McpToolInfo[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.listTools(cursor ? { cursor } : undefined, { signal });
    tools.push(...page.tools.map(toInfo));
    cursor = page.nextCursor;
  } while (cursor && tools.length < 2000);
  return tools;
}

export class McpConnection {
  state: McpServerState = 'idle';
  tools: McpToolInfo[] = [];
  error?: string;
  note?: string;
  restarts = 0;
  private stderr = '';
  private open?: OpenClient;
  private starting?: Promise<void>;
  private startAbort?: AbortController;
  /** Set while we close the connection ourselves (so its end is not a crash). */
  private closing = false;

  constructor(private readonly deps: ConnectionDeps) {}

  get name(): string {
    return this.deps.entry.name;
  }

  status(): McpServerStatus {
    const { entry } = this.deps;
    const tail = this.stderr.trimEnd().split('\n').slice(-STDERR_LINES).join('\n');
    return {
      name: entry.name,
      source: entry.source,
      origin: entry.origin,
      transport: this.open?.transport ?? transportOf(entry.config),
      target: describeTarget(entry.config),
      state: this.state,
      tools: this.state === 'ready' ? this.tools : [],
      ...(this.error ? { error: this.error } : {}),
      ...(tail ? { stderrTail: tail } : {}),
      restarts: this.restarts,
      ...(this.note ? { note: this.note } : {}),
      ...(this.open?.pid && this.state === 'ready' ? { pid: this.open.pid } : {}),
    };
  }

  /** Marks the server as not started for a reason (disabled, blocked...). */
  setIdleState(state: 'idle' | 'disabled' | 'blocked' | 'awaiting_approval', note?: string): void {
    this.state = state;
    this.note = note;
    this.deps.onUpdate();
  }

  /** Starts the server unless it is running or starting; resolves when it is ready or failed. */
  start(): Promise<void> {
    if (this.state === 'ready') return Promise.resolve();
    if (this.starting) return this.starting;
    this.starting = this.connect(this.state === 'restarting' ? 'restarting' : 'starting').finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async connect(state: 'starting' | 'restarting'): Promise<void> {
    this.state = state;
    this.error = undefined;
    this.closing = false;
    this.deps.onUpdate();
    const abort = new AbortController();
    this.startAbort = abort;
    const seconds = Math.round(this.deps.startupTimeoutMs / 1000);
    const timer = setTimeout(() => abort.abort(new Error(`it did not start within ${seconds} s`)), this.deps.startupTimeoutMs);
    let open: OpenClient | undefined;
    try {
      open = await openClient({
        entry: this.deps.entry,
        workspaceRoot: this.deps.workspaceRoot,
        env: this.deps.env,
        clientVersion: this.deps.clientVersion,
        signal: abort.signal,
        timeoutMs: this.deps.startupTimeoutMs,
        onStderr: (text) => (this.stderr = (this.stderr + text).slice(-STDERR_KEEP)),
        onToolsChanged: () => void this.refreshTools(),
      });
      const tools = await listAllTools(open.client, abort.signal);
      if (abort.signal.aborted) throw abort.signal.reason;
      this.open = open;
      this.tools = tools;
      this.state = 'ready';
      void open.closed.then(() => this.onClosed(open!));
    } catch (err) {
      if (open) await this.shut(open);
      // stop() may have run meanwhile (TypeScript cannot see the state change across awaits)
      if ((this.state as McpServerState) !== 'stopped') this.state = 'failed';
      this.error = abort.signal.aborted && abort.signal.reason instanceof Error ? abort.signal.reason.message : firstLine(err);
    } finally {
      clearTimeout(timer);
      this.startAbort = undefined;
      this.deps.onUpdate();
    }
  }

  private async refreshTools(): Promise<void> {
    const open = this.open;
    if (!open || this.state !== 'ready') return;
    try {
      const tools = await listAllTools(open.client);
      if (this.open !== open || JSON.stringify(tools) === JSON.stringify(this.tools)) return;
      this.tools = tools;
      this.deps.onToolsChanged(tools);
      this.deps.onUpdate();
    } catch {
      // the server went away while listing: onClosed reports it
    }
  }

  /** The connection ended. Ours (stop, restart): nothing to do. Otherwise a crash. */
  private onClosed(open: OpenClient): void {
    if (this.closing || this.open !== open) return;
    this.open = undefined;
    if (this.restarts >= 1) {
      this.state = 'failed';
      this.error = 'it stopped unexpectedly again after a restart, so it is not restarted again';
      this.deps.onUpdate();
      return;
    }
    this.restarts++;
    this.state = 'restarting';
    this.note = 'it stopped unexpectedly and was restarted';
    void this.start();
  }

  async callTool(tool: string, args: Record<string, unknown>, options: { signal: AbortSignal; timeoutMs: number }): Promise<McpCallResult> {
    if (this.starting) await this.starting;
    const open = this.open;
    if (this.state !== 'ready' || !open) {
      throw new McpCallError(`The MCP server "${this.name}" is not running (${this.state}${this.error ? `: ${this.error}` : ''}).`);
    }
    try {
      return (await open.client.callTool({ name: tool, arguments: args }, undefined, { signal: options.signal, timeout: options.timeoutMs })) as McpCallResult;
    } catch (err) {
      if (options.signal.aborted) throw err;
      const code = (err as { code?: unknown }).code;
      if (code === -32001) throw new McpCallError(`The MCP server "${this.name}" did not answer within ${Math.round(options.timeoutMs / 1000)} s; the call was cancelled.`);
      if (this.open !== open || code === -32000) {
        throw new McpCallError(`The MCP server "${this.name}" stopped during the call (it crashed or was killed); the call did not finish. ${(this.state as McpServerState) === 'restarting' ? 'It is being restarted.' : ''}`.trim());
      }
      throw new McpCallError(`The MCP server "${this.name}" answered with an error: ${firstLine(err)}`);
    }
  }

  /** Closes a connection of ours and waits until it has ended. */
  private async shut(open: OpenClient): Promise<void> {
    this.closing = true;
    await open.client.close().catch(() => undefined);
    await settleWithin(open.closed, CLOSE_WAIT_MS);
  }

  /** Stops the server (if running or starting) and waits for it. */
  async stop(final = true): Promise<void> {
    if (final) this.state = 'stopped';
    this.startAbort?.abort(new Error('it was stopped'));
    if (this.starting) await this.starting.catch(() => undefined);
    const open = this.open;
    this.open = undefined;
    if (open) await this.shut(open);
    if (final) {
      this.state = 'stopped';
      this.deps.onUpdate();
    }
  }

  /** The user's restart: stop, forget earlier crashes, start again. */
  async restart(): Promise<void> {
    await this.stop(false);
    this.restarts = 0;
    this.note = undefined;
    this.state = 'idle';
    await this.start();
  }
}
