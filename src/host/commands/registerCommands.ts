// The palette commands (ids are in package.json contributes.commands).
import * as vscode from 'vscode';
import type { ConfigService } from '../config/configService';
import { PRESETS } from '../config/settings';
import type { SessionManager } from '../session/sessionManager';
import type { SnapshotBuilder } from '../rpc/snapshot';
import type { ChatViewProvider } from '../view/chatViewProvider';
import { guarded } from '../changes/registerChangeCommands';

export interface CommandDeps {
  view: ChatViewProvider;
  sessions: SessionManager;
  config: ConfigService;
  snapshots: SnapshotBuilder;
}

export function registerCommands({ view, sessions, config, snapshots }: CommandDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('tandem.focusChat', guarded(() => view.reveal())),
    vscode.commands.registerCommand('tandem.stop', () => sessions.stop()),
    vscode.commands.registerCommand(
      'tandem.newChat',
      guarded(async () => {
        await view.reveal();
        await sessions.newSession();
        snapshots.push();
      }),
    ),
    vscode.commands.registerCommand(
      'tandem.openHistory',
      guarded(async () => {
        const list = await sessions.list();
        if (list.length === 0) {
          void vscode.window.showInformationMessage('Tandem: no past sessions in this folder yet.');
          return;
        }
        const pick = await vscode.window.showQuickPick(
          list.map((s) => ({
            label: s.title || '(untitled)',
            description: new Date(s.updatedAt).toLocaleString(),
            detail: `${s.items} items`,
            id: s.id,
          })),
          { title: 'Tandem: open a past session', matchOnDescription: true },
        );
        if (!pick) return;
        await view.reveal();
        await sessions.open(pick.id);
        snapshots.push();
      }),
    ),
    vscode.commands.registerCommand(
      'tandem.setApiKey',
      guarded(async () => {
        const provider = config.settings().provider;
        const key = await vscode.window.showInputBox({
          title: `Tandem: ${PRESETS[provider].label} API key`,
          prompt: "Stored in VS Code's secret storage, never in settings. Leave empty to remove it.",
          password: true,
          ignoreFocusOut: true,
        });
        if (key === undefined) return;
        await config.setKey(key);
        sessions.invalidate();
        void vscode.window.showInformationMessage(key.trim() ? 'Tandem: API key saved.' : 'Tandem: API key removed.');
      }),
    ),
  ];
}
