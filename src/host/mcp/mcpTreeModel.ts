// What the MCP view shows, as plain data (the vscode TreeDataProvider in mcpTreeView.ts
// only maps these nodes to TreeItems). vscode-free, so the wording and the rules are
// unit-tested:
// - a server: its name, its state (ready with its tool count, failed with the first line
//   of its error, blocked with why), where it is declared and what runs;
// - under a ready server, its tools with the server's hints (read-only, destructive,
//   open world: the server's claims, which the view says);
// - under a failed server, the error and the last lines of its stderr;
// - configuration entries that were skipped, each with its reason.
// `contextValue` carries the actions a server allows as words (`canRestart`,
// `canStart`, `canDisable`, `canEnable`); package.json's menus match them with
// `viewItem =~ /\bcanRestart\b/`.
// Localized with @vscode/l10n (the host loads VS Code's bundle into it at activation);
// names, commands, errors and stderr are the servers' own and stay as they are.
import * as l10n from '@vscode/l10n';
import type { McpServerState, McpServerStatus, McpToolInfo } from '../../core/index';
import type { McpOverview } from './windowMcp';

export interface McpNode {
  /** Stable across refreshes (the tree keeps expansion by id). */
  id: string;
  label: string;
  description?: string;
  /** Markdown. */
  tooltip?: string;
  /** A codicon id ("pass", "loading~spin"). */
  icon: string;
  /** A theme color id for the icon. */
  iconColor?: string;
  contextValue?: string;
  /** The server a node belongs to (the commands' argument). */
  server?: string;
  children?: McpNode[];
  expanded?: boolean;
}

/** Lines of stderr shown under a failed server (the tooltip holds the whole tail). */
export const STDERR_LINES_SHOWN = 5;

const STATE_ICON: Record<McpServerState, { icon: string; color?: string }> = {
  idle: { icon: 'circle-large-outline' },
  awaiting_approval: { icon: 'shield', color: 'notificationsWarningIcon.foreground' },
  starting: { icon: 'loading~spin' },
  restarting: { icon: 'loading~spin' },
  ready: { icon: 'pass', color: 'testing.iconPassed' },
  failed: { icon: 'error', color: 'testing.iconFailed' },
  disabled: { icon: 'circle-slash' },
  blocked: { icon: 'lock', color: 'notificationsWarningIcon.foreground' },
  stopped: { icon: 'debug-stop' },
};

/** The short state shown after the server's name. */
export function stateText(s: McpServerStatus): string {
  switch (s.state) {
    case 'idle':
      return l10n.t('not started (starts with the next session)');
    case 'awaiting_approval':
      return l10n.t('waiting for your approval in the chat');
    case 'starting':
      return l10n.t('starting…');
    case 'restarting':
      return l10n.t('restarting…');
    case 'ready':
      return s.tools.length === 1 ? l10n.t('ready · 1 tool') : l10n.t('ready · {0} tools', s.tools.length);
    case 'failed':
      return l10n.t('failed: {0}', firstLine(s.error) ?? l10n.t('unknown error'));
    case 'disabled':
      return l10n.t('disabled');
    case 'blocked':
      return s.note ? l10n.t('blocked: {0}', s.note) : l10n.t('blocked');
    case 'stopped':
      return l10n.t('stopped');
  }
}

function firstLine(text: string | undefined): string | undefined {
  const line = text?.split('\n').find((l) => l.trim() !== '');
  return line?.trim();
}

export type ToolHint = 'read-only' | 'destructive' | 'open world';

/** The server's hints that matter for safety; empty when it claims none. */
export function toolHints(tool: McpToolInfo): ToolHint[] {
  const a = tool.annotations ?? {};
  const hints: ToolHint[] = [];
  if (a.readOnlyHint === true) hints.push('read-only');
  if (a.destructiveHint === true && a.readOnlyHint !== true) hints.push('destructive');
  if (a.openWorldHint === true) hints.push('open world');
  return hints;
}

/** A hint as the view shows it. */
export function hintText(hint: ToolHint): string {
  return hint === 'read-only' ? l10n.t('read-only') : hint === 'destructive' ? l10n.t('destructive') : l10n.t('open world');
}

function actions(s: McpServerStatus): string[] {
  const words: string[] = [];
  if (s.state === 'disabled') return ['canEnable'];
  if (s.state === 'idle' || s.state === 'stopped') words.push('canStart');
  if (s.state === 'ready' || s.state === 'failed' || s.state === 'restarting') words.push('canRestart');
  words.push('canDisable');
  return words;
}

/** A markdown code block that no text can close early. */
function codeBlock(text: string): string {
  const fence = '`'.repeat(Math.max(3, ...[...text.matchAll(/`+/g)].map((m) => m[0].length + 1)));
  return `${fence}\n${text}\n${fence}`;
}

/** Escapes markdown in text that is not ours (names, errors, paths). */
function md(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}

function serverTooltip(s: McpServerStatus): string {
  const lines = [
    `**${md(s.name)}**: ${md(stateText(s))}`,
    '',
    s.source === 'workspace' ? l10n.t('Declared in: {0} (this workspace)', md(s.origin)) : l10n.t('Declared in: {0}', md(s.origin)),
    '',
    s.transport === 'stdio' ? l10n.t('Command ({0}):', s.transport) : l10n.t('URL ({0}):', s.transport),
    '',
    codeBlock(s.target),
  ];
  if (s.pid !== undefined) lines.push('', l10n.t('Process id: {0}', s.pid));
  if (s.restarts > 0) lines.push('', s.restarts === 1 ? l10n.t('Restarted once after a crash') : l10n.t('Restarted {0} times after crashes', s.restarts));
  if (s.note && s.state !== 'blocked') lines.push('', md(s.note));
  if (s.error) lines.push('', l10n.t('Error: {0}', md(s.error)));
  if (s.stderrTail) lines.push('', l10n.t('Last output on stderr:'), '', codeBlock(s.stderrTail));
  lines.push('', l10n.t('MCP servers run as your own programs, outside the sandbox.'));
  return lines.join('\n');
}

function toolNode(server: string, tool: McpToolInfo): McpNode {
  const hints = toolHints(tool);
  const destructive = hints.includes('destructive');
  const readOnly = hints.includes('read-only');
  const words = hints.map(hintText).join(', ');
  const tooltip = [
    `**${md(tool.title ?? tool.name)}**${tool.title ? ` (${md(tool.name)})` : ''}`,
    tool.description ? `\n\n${md(tool.description)}` : '',
    hints.length > 0 ? `\n\n${l10n.t('The server says: {0} (its claim, not a guarantee).', words)}` : '',
  ].join('');
  return {
    id: `tool:${server}/${tool.name}`,
    label: tool.name,
    ...(hints.length > 0 ? { description: words } : {}),
    tooltip,
    icon: destructive ? 'warning' : readOnly ? 'eye' : 'tools',
    ...(destructive ? { iconColor: 'notificationsWarningIcon.foreground' } : {}),
    contextValue: 'mcpTool',
    server,
  };
}

function detailNodes(s: McpServerStatus): McpNode[] {
  const out: McpNode[] = [];
  const id = (suffix: string) => `detail:${s.name}/${suffix}`;
  if (s.state === 'failed') {
    out.push({ id: id('error'), label: firstLine(s.error) ?? l10n.t('unknown error'), tooltip: s.error ? md(s.error) : undefined, icon: 'error', iconColor: 'testing.iconFailed', server: s.name });
  }
  if (s.note && s.state !== 'blocked') out.push({ id: id('note'), label: s.note, icon: 'info', server: s.name });
  if (s.state === 'failed' && s.stderrTail) {
    const lines = s.stderrTail.split('\n').filter((l) => l.trim() !== '');
    const tooltip = `${l10n.t('Last output on stderr:')}\n\n${codeBlock(s.stderrTail)}`;
    lines.slice(-STDERR_LINES_SHOWN).forEach((line, i) => out.push({ id: id(`stderr${i}`), label: line, description: i === 0 ? 'stderr' : undefined, tooltip, icon: 'output', server: s.name }));
  }
  return out;
}

export function serverNode(s: McpServerStatus): McpNode {
  const look = STATE_ICON[s.state];
  const children = [...detailNodes(s), ...(s.state === 'ready' ? s.tools.map((t) => toolNode(s.name, t)) : [])];
  return {
    id: `server:${s.name}`,
    label: s.name,
    description: s.source === 'workspace' ? l10n.t('{0} · workspace', stateText(s)) : stateText(s),
    tooltip: serverTooltip(s),
    icon: look.icon,
    ...(look.color ? { iconColor: look.color } : {}),
    contextValue: ['mcpServer', ...actions(s)].join(' '),
    server: s.name,
    ...(children.length > 0 ? { children, expanded: s.state === 'failed' } : {}),
  };
}

/** The view's top level. Empty when nothing is configured (the view's welcome text shows then). */
export function mcpTree(overview: McpOverview): McpNode[] {
  if (overview.noFolder) return [{ id: 'message:no-folder', label: l10n.t('Open a folder to use MCP servers.'), icon: 'info' }];
  const problems = overview.problems.map((p, i): McpNode => ({ id: `problem:${i}`, label: p, tooltip: md(p), icon: 'warning', iconColor: 'notificationsWarningIcon.foreground' }));
  return [...overview.servers.map(serverNode), ...problems];
}
