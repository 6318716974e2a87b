// Where "Fix with Tandem" on review findings runs (see ../fixFindings.ts for which one):
// the open session (the sidebar shows the turn), or a new focused session.
import * as vscode from 'vscode';
import type { FixTargets } from '../fixFindings';
import type { StartFocused } from '../../editor/registerEditorFeatures';
import type { SessionManager } from '../../session/sessionManager';

export function createFixTargets(deps: { sessions: SessionManager; reveal: () => Promise<void>; start: StartFocused }): FixTargets {
  const { sessions } = deps;
  return {
    async sendTo(sessionId, text, attachments) {
      const current = sessions.current;
      if (sessionId !== undefined && current?.sessionId !== sessionId) {
        throw new Error(vscode.l10n.t('That review belongs to a session that is no longer open: open it from History to ask for the fix there.'));
      }
      if (current?.running) throw new Error(vscode.l10n.t('Tandem is working on a turn in this chat: ask for the fix when it ends, or stop it first.'));
      await deps.reveal();
      await sessions.send(text, attachments);
    },
    async startNew(text, attachments) {
      if (sessions.current?.running) {
        const stop = vscode.l10n.t('Stop and Start');
        const ok = await vscode.window.showWarningMessage(vscode.l10n.t('Tandem is working on another request. Stop it and start this fix?'), { modal: true }, stop);
        if (ok !== stop) return;
      }
      await deps.start(text, attachments, false);
    },
  };
}
