// The MCP variants of the approval prompt: a tool call (server, tool, the exact
// arguments, the server's hints) and starting a server a repository declares (its exact
// command or URL). The answers each offers are listed here too, so the prompt renders
// one row of buttons for every kind.
import * as l10n from '@vscode/l10n';
import type { ApprovalAnswer, PendingApproval } from '../../../src/protocol';
import { Icon } from '../ui/Icon';

type McpTool = Extract<PendingApproval, { type: 'mcp_tool' }>;
type McpServer = Extract<PendingApproval, { type: 'mcp_server' }>;

export interface Answer {
  decision: ApprovalAnswer;
  label: string;
  /** A codicon shown before the label. */
  icon: string;
  primary?: boolean;
}

/** The buttons of a prompt, left to right (Deny, with its reason box, comes last for every kind). */
export function approvalAnswers(a: PendingApproval): Answer[] {
  switch (a.type) {
    case 'mcp_tool':
      return [
        { decision: 'allow_once', label: l10n.t('Allow once'), icon: 'check', primary: true },
        { decision: 'allow_session', label: l10n.t('Allow this tool for the session'), icon: 'check-all' },
        { decision: 'allow_always', label: l10n.t('Always allow this tool'), icon: 'pass-filled' },
      ];
    case 'mcp_server':
      return [{ decision: 'allow_once', label: l10n.t('Start this server'), icon: 'play', primary: true }];
    default:
      return [
        { decision: 'allow_once', label: l10n.t('Allow once'), icon: 'check', primary: true },
        { decision: 'allow_session', label: l10n.t('Allow for this session'), icon: 'check-all' },
      ];
  }
}

export function mcpApprovalTitle(a: McpTool | McpServer): string {
  return a.type === 'mcp_tool' ? l10n.t('Allow this MCP tool call?') : l10n.t('Start this MCP server?');
}

/** The server's hints, as it states them (claims, not guarantees). */
export function toolHints(a: McpTool): { text: string; warn?: boolean }[] {
  const hints: { text: string; warn?: boolean }[] = [];
  if (a.readOnlyHint === true) hints.push({ text: l10n.t('read-only') });
  if (a.destructiveHint === true && a.readOnlyHint !== true) hints.push({ text: l10n.t('destructive'), warn: true });
  if (a.openWorldHint === true) hints.push({ text: l10n.t('reaches outside (open world)') });
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
      {/* icons name the fields (server, tool): no sentence glued from fragments */}
      <div className="approval-mcp">
        <span className="approval-field" title={l10n.t('MCP server')}>
          <Icon name="server" /> <strong aria-label={l10n.t('Server')} translate="no">{approval.server}</strong>
        </span>
        <span className="approval-field" title={l10n.t('Tool')}>
          <Icon name="tools" /> <strong aria-label={l10n.t('Tool')} translate="no">{approval.tool}</strong>
          {approval.title && (
            <span className="muted" translate="no">
              {' '}
              · {approval.title}
            </span>
          )}
        </span>
      </div>
      <pre className="approval-subject" tabIndex={0} aria-label={l10n.t('Arguments')} translate="no">
        {prettyArguments(approval.arguments)}
      </pre>
      {hints.length > 0 ? (
        <div className="approval-hints">
          <Icon name="info" /> {l10n.t('The server says:')}{' '}
          {hints.map((h, i) => (
            <span key={h.text} className={h.warn ? 'warning-text' : undefined}>
              {i > 0 ? ', ' : ''}
              {h.text}
            </span>
          ))}{' '}
          <span className="muted">{l10n.t('(its claim, not a guarantee)')}</span>
        </div>
      ) : (
        <div className="approval-hints muted">{l10n.t('The server makes no claim about what this tool does.')}</div>
      )}
    </>
  );
}

export function McpServerDetails({ approval }: { approval: McpServer }) {
  const subject = approval.command ?? approval.url ?? '';
  const names = approval.command ? approval.envKeys : approval.headerKeys;
  return (
    <>
      <div className="approval-mcp">
        <span className="approval-field" title={l10n.t('MCP server')}>
          <Icon name="server" /> <strong aria-label={l10n.t('Server')} translate="no">{approval.server}</strong>
        </span>
        <span className="approval-field muted">{l10n.t('declared in {0}', approval.origin)}</span>
      </div>
      <pre className="approval-subject" tabIndex={0} aria-label={approval.command ? l10n.t('Command') : l10n.t('URL')} translate="no">
        {subject}
      </pre>
      {approval.cwd && <div className="muted">{l10n.t('in {0}', approval.cwd)}</div>}
      {names && names.length > 0 && (
        <div className="muted">
          {approval.command ? l10n.t('Sets the environment variables {0}', names.join(', ')) : l10n.t('Sends the headers {0}', names.join(', '))}
        </div>
      )}
    </>
  );
}
