// "Tandem: Open MCP Configuration": the user's tandem.mcpServers setting (in the user
// settings.json, at the setting) or the workspace's .tandem/mcp.json (created with an
// empty server list when missing: the user asked for it by name).
import * as vscode from 'vscode';

export const USER_SETTING_KEY = 'tandem.mcpServers';
const WORKSPACE_FILE = ['.tandem', 'mcp.json'] as const;
const EMPTY_FILE = '{\n  "mcpServers": {\n  }\n}\n';

export async function openMcpConfiguration(folder: vscode.Uri | undefined): Promise<void> {
  type Pick = vscode.QuickPickItem & { target: 'user' | 'workspace' };
  const picks: Pick[] = [
    {
      target: 'user',
      label: vscode.l10n.t('User settings: {0}', USER_SETTING_KEY),
      detail: vscode.l10n.t('Your own servers, for every folder.'),
    },
  ];
  if (folder) {
    picks.push({
      target: 'workspace',
      label: vscode.l10n.t('This workspace: {0}', WORKSPACE_FILE.join('/')),
      detail: vscode.workspace.isTrusted
        ? vscode.l10n.t("Servers the repository declares; each starts only after you approve its exact command.")
        : vscode.l10n.t('Not used here: this workspace is not trusted.'),
    });
  }
  const pick = picks.length === 1 ? picks[0] : await vscode.window.showQuickPick(picks, { title: vscode.l10n.t('Tandem: Open MCP Configuration') });
  if (!pick) return;
  if (pick.target === 'user' || !folder) {
    await vscode.commands.executeCommand('workbench.action.openSettingsJson', { revealSetting: { key: USER_SETTING_KEY, edit: true } });
    return;
  }
  const file = vscode.Uri.joinPath(folder, ...WORKSPACE_FILE);
  try {
    await vscode.workspace.fs.stat(file);
  } catch {
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(folder, WORKSPACE_FILE[0]));
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(EMPTY_FILE));
  }
  await vscode.window.showTextDocument(file);
}
