// A session's MCP tools, built once when its first turn starts: the hub starts the
// servers, and each listed tool becomes a Tool with a wire-safe name and schema. The
// list is then fixed for the session (the prompt prefix stays cacheable); a server that
// changes its tools later is picked up by the next session.
//
// Skipped, each with a warning for the user: tools whose schema cannot be made
// acceptable, tools beyond the wire APIs' limit of 128 tools per request, and (in an
// untrusted workspace) tools the server does not mark read-only.
import type { Approvals } from '../approvals/types';
import type { Tool } from '../tools/types';
import { createMcpTool } from '../tools/mcpTool';
import type { McpHub, McpToolEntry } from './hub';
import type { McpPermissions } from './permissions';
import { ToolNamer } from './naming';
import { toWireSchema } from './schema';

/** OpenAI's limit on tools per request (Chat Completions and Responses). */
export const MAX_TOOLS_PER_REQUEST = 128;

export interface SessionMcpTools {
  tools: Tool[];
  /** One sentence each, for the user. */
  warnings: string[];
}

export interface BuildMcpToolsOptions {
  hub: McpHub;
  permissions: McpPermissions;
  approvals: Approvals;
  signal: AbortSignal;
  /** Names already taken (the built-in tools). */
  reserved: string[];
  trusted: boolean;
}

type Check = (args: unknown) => string[];

/** A checker against the server's schema, compiled on first use; a schema ajv cannot compile is left to the server. */
async function checkers(): Promise<(schema: Record<string, unknown>) => Check> {
  const { AjvJsonSchemaValidator } = await import('@modelcontextprotocol/sdk/validation/ajv');
  const validator = new AjvJsonSchemaValidator();
  return (schema) => {
    let compiled: ((input: unknown) => { valid: boolean; errorMessage?: string }) | null | undefined;
    return (args) => {
      if (compiled === undefined) {
        try {
          compiled = validator.getValidator(schema as never);
        } catch {
          compiled = null;
        }
      }
      if (!compiled) return [];
      const result = compiled(args);
      return result.valid ? [] : [result.errorMessage ?? 'the arguments do not match the schema'];
    };
  };
}

export interface PlannedMcpTool {
  entry: McpToolEntry;
  /** The model's name for it. */
  name: string;
  /** Its schema as sent. */
  schema: Record<string, unknown>;
}

/**
 * Which of the servers' tools a session gets, under which names and schemas, and the
 * warnings for those it does not get. Pure: `tandem mcp` shows the same plan.
 */
export function planMcpTools(entries: McpToolEntry[], options: { reserved: string[]; trusted: boolean }): { tools: PlannedMcpTool[]; warnings: string[] } {
  const namer = new ToolNamer(options.reserved);
  const tools: PlannedMcpTool[] = [];
  const warnings: string[] = [];
  let notReadOnly = 0;
  let overLimit = 0;
  for (const entry of entries) {
    if (!options.trusted && entry.tool.annotations?.readOnlyHint !== true) {
      notReadOnly++;
      continue;
    }
    const wire = toWireSchema(entry.tool.inputSchema);
    if (!wire.ok) {
      warnings.push(`MCP tool "${entry.tool.name}" of server "${entry.server}" is skipped: ${wire.reason}.`);
      continue;
    }
    if (options.reserved.length + tools.length >= MAX_TOOLS_PER_REQUEST) {
      overLimit++;
      continue;
    }
    tools.push({ entry, name: namer.name(entry.server, entry.tool.name), schema: wire.schema });
  }
  if (notReadOnly > 0) warnings.push(`${notReadOnly} MCP tool(s) not marked read-only by their server are not available: this workspace is not trusted.`);
  if (overLimit > 0) warnings.push(`${overLimit} MCP tool(s) are skipped: a request may carry at most ${MAX_TOOLS_PER_REQUEST} tools. Disable servers you do not need.`);
  return { tools, warnings };
}

export async function buildMcpTools(options: BuildMcpToolsOptions): Promise<SessionMcpTools> {
  const start = await options.hub.startSession(options.approvals, options.signal);
  const plan = planMcpTools(start.tools, options);
  const warnings = [...start.warnings, ...plan.warnings];
  if (plan.tools.length === 0) return { tools: [], warnings };
  const checker = await checkers();
  const tools = plan.tools.map((p) => createMcpTool({ entry: p.entry, name: p.name, schema: p.schema, hub: options.hub, permissions: options.permissions, check: checker(p.schema) }));
  return { tools, warnings };
}
