// The palette and title-bar commands (ids are in package.json contributes.commands).
// History shows the chat view's own History panel (panel/show, a toggle from the title
// bar); Settings opens VS Code's settings at Tandem's.
import * as vscode from 'vscode';
import type { ConfigService } from '../config/configService';
import { PRESETS } from '../config/settings';
import type { SessionManager } from '../session/sessionManager';
import type { SnapshotBuilder } from '../rpc/snapshot';
import type { Notifier } from '../rpc/webviewChannel';
import type { ChatViewProvider } from '../view/chatViewProvider';
import { guarded } from '../changes/registerChangeCommands';

export interface CommandDeps {
  view: ChatViewProvider;
  sessions: SessionManager;
  config: ConfigService;
  snapshots: SnapshotBuilder;
  notifier: Notifier;
  extensionId: string;
}

export function registerCommands({ view, sessions, config, snapshots, notifier, extensionId }: CommandDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('tandem.focusChat', guarded(() => view.reveal())),
    vscode.commands.registerCommand('tandem.stop', () => sessions.stop()),
    vscode.commands.registerCommand(
      'tandem.newChat',
      guarded(async () => {
        await view.reveal();
        await sessions.newSession();
        snapshots.push();
        notifier.notify('panel/show', { panel: 'chat' });
      }),
    ),
    vscode.commands.registerCommand(
      'tandem.openHistory',
      guarded(async () => {
        await view.reveal();
        notifier.notify('panel/show', { panel: 'history', toggle: true });
      }),
    ),
    vscode.commands.registerCommand('tandem.openSettings', () =>
      vscode.commands.executeCommand('workbench.action.openSettings', `@ext:${extensionId}`),
    ),
    vscode.commands.registerCommand(
      'tandem.setApiKey',
      guarded(async () => {
        const provider = config.settings().provider;
        const key = await vscode.window.showInputBox({
          title: vscode.l10n.t('Tandem: {0} API key', PRESETS[provider].label),
          prompt: vscode.l10n.t("Stored in VS Code's secret storage, never in settings. Leave empty to remove it."),
          password: true,
          ignoreFocusOut: true,
        });
        if (key === undefined) return;
        await config.setKey(key);
        sessions.invalidate();
        void vscode.window.showInformationMessage(key.trim() ? vscode.l10n.t('Tandem: API key saved.') : vscode.l10n.t('Tandem: API key removed.'));
      }),
    ),
  ];
}
