// The MCP variants of the approval prompt: a tool call (server, tool, the exact
// arguments, the server's hints) and starting a server a repository declares (its exact
// command or URL). The answers each offers are listed here too, so the prompt renders
// one row of buttons for every kind.
import type { ApprovalAnswer, PendingApproval } from '../../../src/protocol';

type McpTool = Extract<PendingApproval, { type: 'mcp_tool' }>;
type McpServer = Extract<PendingApproval, { type: 'mcp_server' }>;

export interface Answer {
  decision: ApprovalAnswer;
  label: string;
  primary?: boolean;
}

/** The buttons of a prompt, left to right (Deny, with its reason box, comes last for every kind). */
export function approvalAnswers(a: PendingApproval): Answer[] {
  switch (a.type) {
    case 'mcp_tool':
      return [
        { decision: 'allow_once', label: 'Allow once', primary: true },
        { decision: 'allow_session', label: 'Allow this tool for the session' },
        { decision: 'allow_always', label: 'Always allow this tool' },
      ];
    case 'mcp_server':
      return [{ decision: 'allow_once', label: 'Start this server', primary: true }];
    default:
      return [
        { decision: 'allow_once', label: 'Allow once', primary: true },
        { decision: 'allow_session', label: 'Allow for this session' },
      ];
  }
}

export function mcpApprovalTitle(a: McpTool | McpServer): string {
  return a.type === 'mcp_tool' ? 'Allow this MCP tool call?' : 'Start this MCP server?';
}

/** The server's hints, as it states them (claims, not guarantees). */
export function toolHints(a: McpTool): { text: string; warn?: boolean }[] {
  const hints: { text: string; warn?: boolean }[] = [];
  if (a.readOnlyHint === true) hints.push({ text: 'read-only' });
  if (a.destructiveHint === true && a.readOnlyHint !== true) hints.push({ text: 'destructive', warn: true });
  if (a.openWorldHint === true) hints.push({ text: 'reaches outside (open world)' });
  return hints;
}

/** The arguments as sent, indented when they are JSON (they always should be). */
export function prettyArguments(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

export function McpToolDetails({ approval }: { approval: McpTool }) {
  const hints = toolHints(approval);
  return (
    <>
      <div className="approval-mcp" translate="no">
        <span className="muted">Server</span> <strong aria-label="Server">{approval.server}</strong> <span className="muted">tool</span>{' '}
        <strong aria-label="Tool">{approval.tool}</strong>
        {approval.title && <span className="muted"> · {approval.title}</span>}
      </div>
      <pre className="approval-subject" tabIndex={0} aria-label="Arguments" translate="no">
        {prettyArguments(approval.arguments)}
      </pre>
      {hints.length > 0 ? (
        <div className="approval-hints">
          The server says:{' '}
          {hints.map((h, i) => (
            <span key={h.text} className={h.warn ? 'warning-text' : undefined}>
              {i > 0 ? ', ' : ''}
              {h.text}
            </span>
          ))}{' '}
          <span className="muted">(its claim, not a guarantee)</span>
        </div>
      ) : (
        <div className="approval-hints muted">The server makes no claim about what this tool does.</div>
      )}
    </>
  );
}

export function McpServerDetails({ approval }: { approval: McpServer }) {
  const subject = approval.command ?? approval.url ?? '';
  const names = approval.command ? approval.envKeys : approval.headerKeys;
  return (
    <>
      <div className="approval-mcp" translate="no">
        <span className="muted">Server</span> <strong aria-label="Server">{approval.server}</strong> <span className="muted">declared in {approval.origin}</span>
      </div>
      <pre className="approval-subject" tabIndex={0} aria-label={approval.command ? 'Command' : 'URL'} translate="no">
        {subject}
      </pre>
      {approval.cwd && <div className="muted">in {approval.cwd}</div>}
      {names && names.length > 0 && (
        <div className="muted">
          {approval.command ? 'Sets the environment variables' : 'Sends the headers'} <span translate="no">{names.join(', ')}</span>
        </div>
      )}
    </>
  );
}
