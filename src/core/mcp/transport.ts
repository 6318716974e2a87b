// Opens an MCP client on one server with the official SDK: a child process over stdio,
// or Streamable HTTP with the old HTTP+SSE transport as the fallback (the protocol's
// backwards-compatibility rule: a 4xx answer to the Streamable HTTP POST means an older
// server; try GET with SSE). The SDK is imported on first use, so sessions without MCP
// servers never load it.
//
// A stdio server's environment is the one commands get (Tandem's own keys and tokens
// stripped, see shell/env.ts) plus the server's own `env`; its stderr is kept (the tail)
// for the user, never mixed into the protocol.
import path from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { commandEnv } from '../shell/env';
import type { McpServerEntry } from './types';
import { isStdioConfig } from './types';

export interface OpenOptions {
  entry: McpServerEntry;
  workspaceRoot: string;
  /** The environment to strip and inherit (default process.env). */
  env: NodeJS.ProcessEnv;
  clientVersion: string;
  signal: AbortSignal;
  /** Bounds the initialize request (the caller also bounds the whole start). */
  timeoutMs: number;
  onStderr(text: string): void;
  /** The server says its tool list changed. */
  onToolsChanged(): void;
}

export interface OpenClient {
  client: Client;
  transport: 'stdio' | 'http' | 'sse';
  pid?: number;
  /** Resolves when the connection has closed (a stdio process has exited and its pipes closed). */
  closed: Promise<void>;
}

/** Longest wait for a closing connection (the SDK escalates stdin end, SIGTERM, SIGKILL within 4 s). */
export const CLOSE_WAIT_MS = 6000;

/** Waits for `promise` or `ms`, whichever comes first (the timer does not hold the process). */
export function settleWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref?.();
    void promise.then(
      () => (clearTimeout(timer), resolve()),
      () => (clearTimeout(timer), resolve()),
    );
  });
}

/** An HTTP status in an SDK transport error (StreamableHTTPError, SseError). */
function httpStatus(err: unknown): number | undefined {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'number' && code >= 100 && code < 600 ? code : undefined;
}

async function newClient(options: OpenOptions): Promise<Client> {
  const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
  // no capabilities: no sampling, elicitation or roots (a server cannot make Tandem ask the model or the user)
  return new Client(
    { name: 'tandem', version: options.clientVersion },
    { capabilities: {}, listChanged: { tools: { autoRefresh: false, debounceMs: 0, onChanged: () => options.onToolsChanged() } } },
  );
}

/**
 * Connects `transport`; on failure the client is closed (and a process stopped) before
 * rethrowing. Returns the promise of the connection's end (wrapped: an async function
 * would wait for a returned promise).
 */
async function connect(client: Client, transport: Transport, options: OpenOptions): Promise<{ closed: Promise<void> }> {
  const closed = new Promise<void>((resolve) => (client.onclose = resolve));
  try {
    await client.connect(transport, { signal: options.signal, timeout: options.timeoutMs });
  } catch (err) {
    await client.close().catch(() => undefined);
    // a close already under way (the SDK starts one when initialize fails) returns early:
    // wait for the process itself, bounded in case it never spawned
    await settleWithin(closed, CLOSE_WAIT_MS);
    throw err;
  }
  return { closed };
}

export async function openClient(options: OpenOptions): Promise<OpenClient> {
  const { config } = options.entry;
  if (isStdioConfig(config)) {
    const { StdioClientTransport } = await import('@modelcontextprotocol/sdk/client/stdio.js');
    const transport = new StdioClientTransport({
      command: config.command,
      args: config.args ?? [],
      env: commandEnv(options.env, config.env),
      cwd: path.resolve(options.workspaceRoot, config.cwd ?? '.'),
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (chunk: Buffer) => options.onStderr(chunk.toString('utf8')));
    const client = await newClient(options);
    const { closed } = await connect(client, transport, options);
    return { client, transport: 'stdio', pid: transport.pid ?? undefined, closed };
  }
  const url = new URL(config.url);
  const requestInit = config.headers ? { headers: config.headers } : undefined;
  if (config.transport !== 'sse') {
    const { StreamableHTTPClientTransport } = await import('@modelcontextprotocol/sdk/client/streamableHttp.js');
    const client = await newClient(options);
    try {
      const { closed } = await connect(client, new StreamableHTTPClientTransport(url, { requestInit }), options);
      return { client, transport: 'http', closed };
    } catch (err) {
      const status = httpStatus(err);
      if (config.transport === 'http' || status === undefined || status < 400 || status >= 500 || options.signal.aborted) throw err;
      // an older server (HTTP+SSE): fall through
    }
  }
  const { SSEClientTransport } = await import('@modelcontextprotocol/sdk/client/sse.js');
  const client = await newClient(options);
  const { closed } = await connect(client, new SSEClientTransport(url, { requestInit }), options);
  return { client, transport: 'sse', closed };
}
