// The MCP view: a native tree in the Tandem view container. The nodes come from
// mcpTreeModel.ts; this file only maps them to TreeItems and refreshes on the window's
// MCP events. Reading the tree builds the window's hub (it reads the configuration), so
// the servers show as configured even before a session starts them.
import * as vscode from 'vscode';
import { mcpTree, type McpNode } from './mcpTreeModel';
import type { WindowMcp } from './windowMcp';
import { errorMessage, type Logger } from '../util/log';

export const MCP_VIEW_ID = 'tandem.mcp';

export class McpTreeProvider implements vscode.TreeDataProvider<McpNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly mcp: WindowMcp,
    private readonly log: Logger,
  ) {
    this.subscription = mcp.onDidChange(() => this.changed.fire());
  }

  async getChildren(node?: McpNode): Promise<McpNode[]> {
    if (node) return node.children ?? [];
    try {
      await this.mcp.hub();
    } catch (err) {
      // the overview carries the reason as a problem node
      this.log.warn(`MCP view: ${errorMessage(err)}`);
    }
    return mcpTree(this.mcp.overview());
  }

  getTreeItem(node: McpNode): vscode.TreeItem {
    const collapsible = node.children?.length
      ? node.expanded
        ? vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.Collapsed
      : vscode.TreeItemCollapsibleState.None;
    const item = new vscode.TreeItem(node.label, collapsible);
    item.id = node.id;
    if (node.description) item.description = node.description;
    if (node.tooltip) {
      const tooltip = new vscode.MarkdownString(node.tooltip);
      tooltip.supportThemeIcons = false;
      tooltip.isTrusted = false;
      item.tooltip = tooltip;
    }
    item.iconPath = new vscode.ThemeIcon(node.icon, node.iconColor ? new vscode.ThemeColor(node.iconColor) : undefined);
    if (node.contextValue) item.contextValue = node.contextValue;
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
