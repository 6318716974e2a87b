// The tools of one session: the built-in ones (known when the agent is created) and the
// MCP servers' tools, added once when the first turn starts (servers start only when a
// session needs them). After that the list never changes for the session, so the
// instructions and tools prefix stay byte-stable and cacheable.
//
// MCP hubs: given servers, the session creates its own hub and stops it on dispose;
// given a hub (the editor shares one per window), the session uses it and leaves it
// running.
import type { Approvals } from '../approvals/types';
import type { ToolSpec } from '../model/types';
import type { Tool } from '../tools/types';
import { createMcpHub, type McpHub } from '../mcp/hub';
import { McpPermissions } from '../mcp/permissions';
import { buildMcpTools } from '../mcp/sessionTools';
import { createMemoryMcpMemory } from '../mcp/memory';
import type { McpMemory, McpServerEntry } from '../mcp/types';
import { prefixTokensOf } from './compaction';

/** AgentOptions.mcp: servers the session starts and owns, or a hub shared with other sessions. */
export type AgentMcpOptions =
  | {
      servers: McpServerEntry[];
      /** Approved workspace servers and always-allowed tools (default: not remembered). */
      memory?: McpMemory;
      /** Pre-approved "server" or "server/tool" (CLI --allow-mcp). */
      allow?: string[];
      startupTimeoutMs?: number;
      /** Environment stdio servers inherit, stripped of secrets (default process.env). */
      env?: NodeJS.ProcessEnv;
    }
  | { hub: McpHub; allow?: string[] };

/** JSON Schema of a tool as sent: plain JSON (typebox's symbol keys dropped), built once. */
function toolSpecOf(tool: Tool): ToolSpec {
  return { name: tool.name, description: tool.description, parameters: JSON.parse(JSON.stringify(tool.parameters)) };
}

export interface ToolsetOptions {
  builtins: Tool[];
  instructions: string;
  workspaceRoot: string;
  trusted: boolean;
  mcp?: AgentMcpOptions;
  /** The tool list grew: the new prefix size. */
  onPrefixChange(prefixTokens: number): void;
}

export class SessionToolset {
  tools: Map<string, Tool>;
  specs: ToolSpec[];
  prefixTokens: number;
  readonly hub?: McpHub;
  private readonly ownsHub: boolean;
  private readonly permissions?: McpPermissions;
  private ready?: Promise<string[]>;
  private done = false;

  constructor(private readonly options: ToolsetOptions) {
    this.tools = new Map(options.builtins.map((t) => [t.name, t] as const));
    this.specs = options.builtins.map(toolSpecOf);
    this.prefixTokens = prefixTokensOf(options.instructions, this.specs);
    const mcp = options.mcp;
    if (!mcp) {
      this.ownsHub = false;
      return;
    }
    if ('hub' in mcp) {
      this.hub = mcp.hub;
      this.ownsHub = false;
    } else {
      this.hub = createMcpHub({ servers: mcp.servers, workspaceRoot: options.workspaceRoot, trusted: options.trusted, memory: mcp.memory ?? createMemoryMcpMemory(), startupTimeoutMs: mcp.startupTimeoutMs, env: mcp.env });
      this.ownsHub = true;
    }
    this.permissions = new McpPermissions({ allow: mcp.allow, memory: this.hub.memory, workspaceRoot: this.hub.workspaceRoot });
  }

  /**
   * Adds the MCP tools the first time (later calls do nothing) and returns warnings for
   * the user, once. An aborted or failed first attempt is tried again by the next turn.
   */
  prepare(approvals: Approvals, signal: AbortSignal): Promise<string[]> {
    if (!this.hub || !this.permissions || this.done) return Promise.resolve([]);
    this.ready ??= buildMcpTools({ hub: this.hub, permissions: this.permissions, approvals, signal, reserved: [...this.tools.keys()], trusted: this.options.trusted }).then(
      ({ tools, warnings }) => {
        this.done = true;
        for (const t of tools) this.tools.set(t.name, t);
        this.specs = [...this.specs, ...tools.map(toolSpecOf)];
        this.prefixTokens = prefixTokensOf(this.options.instructions, this.specs);
        this.options.onPrefixChange(this.prefixTokens);
        return warnings;
      },
      (err) => {
        this.ready = undefined;
        throw err;
      },
    );
    return this.ready;
  }

  async dispose(): Promise<void> {
    if (this.ownsHub) await this.hub?.dispose();
  }
}
