// MCP (Model Context Protocol) servers as the core sees them: their configuration (the
// `{ "mcpServers": { ... } }` shape users copy between tools), their live state, the
// events a hub reports, and what is remembered between runs. Plain JSON throughout: the
// editor host sends statuses and events to its webview as they are.
//
// Trust: a server from the user's own configuration (the tandem.mcpServers setting,
// ~/.tandem/mcp.json, --mcp-config) is the user's program and starts when a session needs
// it. A server declared by a repository (<root>/.tandem/mcp.json) starts only in a trusted
// workspace and only after the user approved it by name and exact command.

/** A server started as a child process, spoken to over stdin/stdout. */
export interface StdioServerConfig {
  command: string;
  args?: string[];
  /** Added to the stripped environment (Tandem's own secrets are never inherited). */
  env?: Record<string, string>;
  /** Absolute, or relative to the workspace root (the default). */
  cwd?: string;
}

/** A server reached over HTTP: Streamable HTTP, falling back to SSE for older servers. */
export interface HttpServerConfig {
  url: string;
  headers?: Record<string, string>;
  /** 'sse' forces the old HTTP+SSE transport; unset tries Streamable HTTP first. */
  transport?: 'http' | 'sse';
}

export type McpServerConfig = (StdioServerConfig | HttpServerConfig) & {
  /** `"disabled": true` (or `"enabled": false`) keeps the server configured but stopped. */
  disabled?: boolean;
  /** Seconds a tool call may take (default 120). */
  timeout?: number;
};

/** 'user': the user's own configuration. 'workspace': declared by the repository. */
export type McpServerSource = 'user' | 'workspace';

export interface McpServerEntry {
  name: string;
  config: McpServerConfig;
  source: McpServerSource;
  /** Where it is declared: a file path, or "setting tandem.mcpServers". */
  origin: string;
}

export function isStdioConfig(config: McpServerConfig): config is StdioServerConfig & McpServerConfig {
  return typeof (config as StdioServerConfig).command === 'string';
}

/** Hints a server declares for a tool. They are the server's claims, not guarantees. */
export interface McpToolAnnotations {
  title?: string;
  readOnlyHint?: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  openWorldHint?: boolean;
}

export interface McpToolInfo {
  /** The tool's name on its server. */
  name: string;
  title?: string;
  description: string;
  /** The server's JSON Schema for the arguments, as listed. */
  inputSchema: Record<string, unknown>;
  annotations?: McpToolAnnotations;
}

/**
 * idle: configured, not started (it starts with the first session that needs it).
 * awaiting_approval: a workspace server waiting for the user's answer.
 * starting / restarting: connecting (restarting: after a crash, once).
 * ready: connected; `tools` is its list.
 * failed: could not start, or crashed again after its one restart.
 * disabled: turned off in the configuration or by the user.
 * blocked: a workspace server in an untrusted workspace, or one the user declined.
 * stopped: the hub was disposed.
 */
export type McpServerState = 'idle' | 'awaiting_approval' | 'starting' | 'restarting' | 'ready' | 'failed' | 'disabled' | 'blocked' | 'stopped';

export interface McpServerStatus {
  name: string;
  source: McpServerSource;
  origin: string;
  transport: 'stdio' | 'http' | 'sse';
  /** What runs: the command line (stdio) or the URL. */
  target: string;
  state: McpServerState;
  /** The tools it lists (empty until ready). */
  tools: McpToolInfo[];
  /** First line of the error that made it fail (failed, blocked). */
  error?: string;
  /** Last lines the server wrote to stderr (stdio servers). */
  stderrTail?: string;
  /** Restarts after a crash so far (at most one). */
  restarts: number;
  /** Something the user should know: tools changed (applies to the next session), why blocked. */
  note?: string;
  /** Process id of a running stdio server. */
  pid?: number;
}

export type McpEvent =
  /** A server's status changed (state, tools, error, note). */
  | { type: 'mcp/server_updated'; server: McpServerStatus }
  /** A running server changed its tool list; sessions already started keep theirs. */
  | { type: 'mcp/tools_changed'; server: string; note: string };

/**
 * What is remembered between runs: workspace servers the user approved (by the exact
 * command, as a fingerprint) and tools the user always allows. The CLI keeps a file
 * (createFileMcpMemory); the editor host its workspace and global state.
 */
export interface McpMemory {
  /** Fingerprint approved for a workspace server, or undefined. */
  approvedServer(workspaceRoot: string, server: string): Promise<string | undefined>;
  approveServer(workspaceRoot: string, server: string, fingerprint: string): Promise<void>;
  /** `scope`: "user" for the user's servers, the workspace root for a workspace's servers. */
  isToolAlwaysAllowed(scope: string, server: string, tool: string): Promise<boolean>;
  allowToolAlways(scope: string, server: string, tool: string): Promise<void>;
}
