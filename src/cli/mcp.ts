// MCP in the CLI: the configuration a run uses (~/.tandem/mcp.json, then each
// --mcp-config FILE; the workspace's .tandem/mcp.json below both, and only with approval),
// the file that remembers approvals (~/.tandem/mcp-approvals.json), and `tandem mcp`,
// which starts the servers (asking on a terminal about the workspace's), lists their
// state and the tools a session would get, and stops them. Exit code 1 when an enabled
// server is not ready.
import path from 'node:path';
import {
  createDefaultTools,
  createFileMcpMemory,
  createMcpHub,
  loadMcpConfig,
  McpConfigError,
  planMcpTools,
  type McpMemory,
  type McpServerEntry,
  type McpServerStatus,
} from '../core/index';
import type { InspectFlags } from './args';
import { UsageError } from './args';
import { createTerminalApprovals } from './approvals';
import { isFolder, storageDir } from './env';
import { oneLine, type Out } from './render';

export interface CliMcp {
  servers: McpServerEntry[];
  memory: McpMemory;
}

/** The servers a run gets; problems in the configuration are printed, not fatal (a named file is). */
export async function loadCliMcp(workspaceRoot: string, mcpConfig: string[], home: string, out: Out): Promise<CliMcp> {
  let loaded;
  try {
    loaded = await loadMcpConfig({
      workspaceRoot,
      userFiles: [{ path: path.join(home, 'mcp.json') }, ...mcpConfig.map((file) => ({ path: path.resolve(file), required: true }))],
    });
  } catch (err) {
    if (err instanceof McpConfigError) throw new UsageError(`--mcp-config: ${err.message}`);
    throw err;
  }
  for (const problem of loaded.problems) out.stderr(`mcp: ${problem}\n`);
  return { servers: loaded.entries, memory: createFileMcpMemory(path.join(home, 'mcp-approvals.json')) };
}

function hintsOf(annotations: { readOnlyHint?: boolean; destructiveHint?: boolean } | undefined): string {
  if (annotations?.readOnlyHint) return 'read-only';
  return annotations?.destructiveHint ? 'destructive' : '';
}

function renderServer(s: McpServerStatus, tools: { name: string; tool: string; hints: string; description: string }[]): string {
  const lines = [`${s.name}  ${s.state}${s.state === 'ready' ? ` (${tools.length} tools)` : ''}  ${s.transport}  ${s.target}`, `  from ${s.origin}${s.source === 'workspace' ? ' (declared by the workspace)' : ''}`];
  if (s.error) lines.push(`  error: ${s.error}`);
  if (s.note) lines.push(`  note: ${s.note}`);
  if (s.state !== 'ready' && s.stderrTail) lines.push('  stderr:', ...s.stderrTail.split('\n').map((l) => `    ${l}`));
  for (const t of tools) lines.push(`  ${t.name}${t.hints ? `  [${t.hints}]` : ''}  ${oneLine(t.description, 90)}`);
  return lines.join('\n');
}

/** `tandem mcp` */
export async function mcpCommand(flags: InspectFlags, out: Out): Promise<number> {
  const root = path.resolve(flags.cwd ?? process.cwd());
  if (!isFolder(root)) throw new UsageError(`--cwd is not a folder: ${root}`);
  const { servers, memory } = await loadCliMcp(root, flags.mcpConfig, storageDir(), out);
  if (servers.length === 0) {
    if (flags.json) out.stdout(`${JSON.stringify({ servers: [], tools: [], warnings: [] })}\n`);
    else out.stderr(`No MCP servers are configured. Add them to ${path.join(storageDir(), 'mcp.json')} or pass --mcp-config FILE.\n`);
    return 0;
  }
  const hub = createMcpHub({ servers, workspaceRoot: root, trusted: true, memory });
  const controller = new AbortController();
  const onSigint = () => controller.abort(new Error('interrupted'));
  process.on('SIGINT', onSigint);
  try {
    const interactive = Boolean(process.stdin.isTTY) && !flags.json;
    const start = await hub.startSession(createTerminalApprovals({ interactive }), controller.signal);
    const plan = planMcpTools(start.tools, { reserved: createDefaultTools().map((t) => t.name), trusted: true });
    const warnings = [...start.warnings, ...plan.warnings];
    const statuses = hub.status();
    const tools = plan.tools.map((p) => ({ server: p.entry.server, tool: p.entry.tool.name, name: p.name, hints: hintsOf(p.entry.tool.annotations), description: p.entry.tool.description }));
    if (flags.json) {
      out.stdout(`${JSON.stringify({ servers: statuses, tools, warnings })}\n`);
    } else {
      out.stdout(`${statuses.map((s) => renderServer(s, tools.filter((t) => t.server === s.name))).join('\n\n')}\n`);
      for (const w of warnings) out.stderr(`warning: ${w}\n`);
    }
    return statuses.every((s) => s.state === 'ready' || s.state === 'disabled') ? 0 : 1;
  } finally {
    process.off('SIGINT', onSigint);
    await hub.dispose();
  }
}
