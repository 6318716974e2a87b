// The approval policy for MCP tool calls (see SECURITY.md). MCP servers are the user's
// programs running outside the sandbox, so by default every call asks, offering "allow
// this tool for the session" and "always allow this tool" (remembered per server and
// tool). Pre-approval: `--allow-mcp SERVER` or `--allow-mcp SERVER/TOOL` (CLI).
//   full-access  every call runs
//   read-only    only tools the server marks readOnlyHint, and only once allowed
//   otherwise    asks unless allowed for the session, always, or pre-approved
// One object per session: session allows die with it.
import type { ApprovalPolicy } from '../policy/types';
import type { McpMemory, McpServerSource, McpToolAnnotations } from './types';

export interface McpCallVerdict {
  action: 'allow' | 'ask' | 'deny';
  why: string;
}

export interface McpCallSubject {
  server: string;
  source: McpServerSource;
  tool: string;
  annotations?: McpToolAnnotations;
}

export interface McpPermissionsOptions {
  /** Pre-approved "server" or "server/tool" patterns. */
  allow?: readonly string[];
  memory: McpMemory;
  workspaceRoot: string;
}

/** Checks one --allow-mcp value; returns the reason it is malformed, or undefined. */
export function checkAllowPattern(pattern: string): string | undefined {
  const [server, ...rest] = pattern.split('/');
  if (server.trim() === '') return `"${pattern}" names no server (use SERVER or SERVER/TOOL)`;
  if (rest.length > 0 && rest.join('/').trim() === '') return `"${pattern}" names no tool (use SERVER or SERVER/TOOL)`;
  return undefined;
}

export class McpPermissions {
  private readonly session = new Set<string>();

  constructor(private readonly options: McpPermissionsOptions) {}

  /** Where "always" answers are remembered: the user's servers everywhere, a workspace's servers in that workspace. */
  private scope(source: McpServerSource): string {
    return source === 'user' ? 'user' : this.options.workspaceRoot;
  }

  private preApproved(server: string, tool: string): string | undefined {
    return (this.options.allow ?? []).find((p) => p === server || p === `${server}/${tool}`);
  }

  async decide(subject: McpCallSubject, policy: ApprovalPolicy): Promise<McpCallVerdict> {
    const { server, tool } = subject;
    if (policy === 'full-access') return { action: 'allow', why: 'Full access: MCP tools run without asking.' };
    if (policy === 'read-only' && subject.annotations?.readOnlyHint !== true) {
      return { action: 'deny', why: 'the read-only policy allows only MCP tools their server marks read-only' };
    }
    const pattern = this.preApproved(server, tool);
    if (pattern) return { action: 'allow', why: `Allowed by --allow-mcp ${pattern}.` };
    if (this.session.has(`${server}/${tool}`)) return { action: 'allow', why: 'Allowed for this session.' };
    if (await this.options.memory.isToolAlwaysAllowed(this.scope(subject.source), server, tool)) return { action: 'allow', why: 'Always allowed.' };
    return { action: 'ask', why: "MCP tools run as the server's own program, outside the sandbox: each call asks unless you allow the tool." };
  }

  rememberSession(server: string, tool: string): void {
    this.session.add(`${server}/${tool}`);
  }

  rememberAlways(subject: McpCallSubject): Promise<void> {
    this.rememberSession(subject.server, subject.tool);
    return this.options.memory.allowToolAlways(this.scope(subject.source), subject.server, subject.tool);
  }
}
