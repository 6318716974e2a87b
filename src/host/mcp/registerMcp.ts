// The editor's MCP wiring: the window's hub (WindowMcp) over the user's setting and the
// workspace's .tandem/mcp.json, what VS Code remembers about approvals, the MCP view and
// its commands, and the events that change the configuration.
import * as vscode from 'vscode';
import type { LazyCore } from '../coreAccess/lazyCore';
import { guarded } from '../changes/registerChangeCommands';
import type { Logger } from '../util/log';
import { MCP_VIEW_ID, McpTreeProvider } from './mcpTreeView';
import type { McpNode } from './mcpTreeModel';
import { openMcpConfiguration, USER_SETTING_KEY } from './openConfig';
import { createStateMcpMemory } from './stateMemory';
import { WindowMcp } from './windowMcp';

export interface McpHostDeps {
  context: vscode.ExtensionContext;
  core: LazyCore;
  folder(): vscode.WorkspaceFolder | undefined;
  log: Logger;
}

/** The window's MCP servers. Only the user's own value of the setting counts: a workspace can declare servers only in .tandem/mcp.json, which needs approval. */
export function createWindowMcp({ context, core, folder, log }: McpHostDeps): WindowMcp {
  return new WindowMcp({
    core,
    setting: () => vscode.workspace.getConfiguration().inspect(USER_SETTING_KEY)?.globalValue,
    workspaceRoot: () => folder()?.uri.fsPath,
    trusted: () => vscode.workspace.isTrusted,
    memory: createStateMcpMemory(context.workspaceState, context.globalState),
    state: context.workspaceState,
    log,
  });
}

export interface McpViewDeps {
  mcp: WindowMcp;
  folder(): vscode.WorkspaceFolder | undefined;
  /** Sessions whose tools came from a replaced hub are rebuilt (when idle). */
  sessions: { invalidate(): void };
  log: Logger;
}

/** The node a view action was invoked on (menus pass it); palette calls have none. */
function serverOf(node: McpNode | undefined): string {
  if (!node?.server) throw new Error(vscode.l10n.t('Choose a server in the MCP view.'));
  return node.server;
}

export function registerMcp({ mcp, folder, sessions, log }: McpViewDeps): vscode.Disposable[] {
  const tree = new McpTreeProvider(mcp, log);
  const refresh = () => mcp.invalidate();
  const files = vscode.workspace.createFileSystemWatcher('**/.tandem/mcp.json');
  return [
    tree,
    vscode.window.createTreeView(MCP_VIEW_ID, { treeDataProvider: tree, showCollapseAll: true }),
    mcp.onDidReplace(() => sessions.invalidate()),
    vscode.commands.registerCommand('tandem.mcp.openConfig', guarded(() => openMcpConfiguration(folder()?.uri))),
    vscode.commands.registerCommand('tandem.mcp.refresh', guarded(() => mcp.reload())),
    vscode.commands.registerCommand('tandem.mcp.start', guarded((node?: McpNode) => mcp.restart(serverOf(node)))),
    vscode.commands.registerCommand('tandem.mcp.restart', guarded((node?: McpNode) => mcp.restart(serverOf(node)))),
    vscode.commands.registerCommand('tandem.mcp.enable', guarded((node?: McpNode) => mcp.setEnabled(serverOf(node), true))),
    vscode.commands.registerCommand('tandem.mcp.disable', guarded((node?: McpNode) => mcp.setEnabled(serverOf(node), false))),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(USER_SETTING_KEY)) refresh();
    }),
    files,
    files.onDidCreate(refresh),
    files.onDidChange(refresh),
    files.onDidDelete(refresh),
    vscode.workspace.onDidGrantWorkspaceTrust(refresh),
    vscode.workspace.onDidChangeWorkspaceFolders(refresh),
    // the window closes: every server stops
    { dispose: () => void mcp.dispose() },
  ];
}
