// Wires the editor-side features over the session manager: review of staged changes in
// the diff editor and status bar (src/host/changes) and inline "Fix with Tandem" with
// per-hunk CodeLens (src/host/inline). Kept out of extension.ts so the composition root
// stays a list of services.
import type * as vscode from 'vscode';
import type { SessionManager } from '../session/sessionManager';
import type { SnapshotBuilder } from '../rpc/snapshot';
import type { ChatViewProvider } from '../view/chatViewProvider';
import { PendingChanges } from '../changes/pendingChanges';
import { registerReview } from '../changes/registerChangeCommands';
import { registerInline } from '../inline/registerInline';
import type { Attachment } from '../../core/index';

export interface EditorFeatureDeps {
  sessions: SessionManager;
  snapshots: SnapshotBuilder;
  view: ChatViewProvider;
  folder: () => vscode.Uri | undefined;
  log: vscode.LogOutputChannel;
}

export function registerEditorFeatures({ sessions, snapshots, view, folder, log }: EditorFeatureDeps): vscode.Disposable[] {
  const pending = new PendingChanges(sessions, (m) => log.warn(m));
  const review = registerReview({ pending, folder, log, revealChanges: () => view.reveal() });
  // A focused session (fix / explain / edit selection): visible in the sidebar and its history.
  const startFocused = async (text: string, attachments: Attachment[], readOnly: boolean) => {
    await view.reveal();
    const controller = await sessions.startNew({ readOnly });
    snapshots.push();
    controller.send(text, attachments);
  };
  const running = () => sessions.current?.running ?? false;
  return [pending, ...review.disposables, ...registerInline({ pending, actions: review.actions, folder, running, start: startFocused })];
}
