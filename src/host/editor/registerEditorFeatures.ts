// Wires the editor-side features over the session manager: review of staged changes in
// the diff editor and status bar (src/host/changes), inline "Fix with Tandem" with
// per-hunk CodeLens (src/host/inline) and code review in the editor (comment threads,
// the findings tree, the background review of staged changes: src/host/codeReview). Kept
// out of extension.ts so the composition root stays a list of services.
import type * as vscode from 'vscode';
import type { SessionManager } from '../session/sessionManager';
import type { SnapshotBuilder } from '../rpc/snapshot';
import type { ChatViewProvider } from '../view/chatViewProvider';
import { PendingChanges } from '../changes/pendingChanges';
import { registerReview } from '../changes/registerChangeCommands';
import { registerInline } from '../inline/registerInline';
import { registerCodeReview } from '../codeReview/editor/registerCodeReview';
import type { ReviewService } from '../codeReview/reviewService';
import type { ReviewSettings } from '../codeReview/settings';
import type { FixTargets } from '../codeReview/fixFindings';
import type { Attachment } from '../../core/index';

export interface EditorFeatureDeps {
  sessions: SessionManager;
  snapshots: SnapshotBuilder;
  view: ChatViewProvider;
  folder: () => vscode.Uri | undefined;
  log: vscode.LogOutputChannel;
  reviews: ReviewService;
  reviewSettings: () => ReviewSettings;
  reviewFixes: FixTargets;
}

export type StartFocused = (text: string, attachments: Attachment[], readOnly: boolean) => Promise<void>;

/** Starts a focused session (fix / explain / edit selection / fix a finding): visible in the sidebar and its history. */
export function focusedStarter({ sessions, snapshots, view }: Pick<EditorFeatureDeps, 'sessions' | 'snapshots' | 'view'>): StartFocused {
  return async (text, attachments, readOnly) => {
    await view.reveal();
    const controller = await sessions.startNew({ readOnly });
    snapshots.push();
    controller.send(text, attachments);
  };
}

export function registerEditorFeatures(deps: EditorFeatureDeps): vscode.Disposable[] {
  const { sessions, view, folder, log } = deps;
  const pending = new PendingChanges(sessions, (m) => log.warn(m));
  const review = registerReview({ pending, folder, log, revealChanges: () => view.reveal() });
  const running = () => sessions.current?.running ?? false;
  return [
    pending,
    ...review.disposables,
    ...registerInline({ pending, actions: review.actions, folder, running, start: focusedStarter(deps) }),
    ...registerCodeReview({ reviews: deps.reviews, settings: deps.reviewSettings, sessions, pending, folder, log, fixes: deps.reviewFixes }),
  ];
}
