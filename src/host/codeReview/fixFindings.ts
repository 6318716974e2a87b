// "Fix with Tandem" on review findings: which conversation the fix runs in. vscode-free.
// - The background review's findings: a turn in the session whose staged changes they
//   are about (the agent revises its own staged work).
// - A `/review` from the chat: a turn in that chat's session.
// - Review Changes… from the palette: a new focused session (as the editor's other
//   "Fix with Tandem" actions), shown in the sidebar and its history.
// In every case the fix is staged for review like any other edit.
import * as l10n from '@vscode/l10n';
import type { Attachment } from '../../core/index';
import type { ReviewService } from './reviewService';
import { fixAttachments, fixText } from './fixPrompts';

export interface FixTargets {
  /**
   * Sends a message to the open session, which must be `sessionId` (undefined: the empty
   * chat, whose first message starts a session); throws a clear error when that session
   * is not open or is busy.
   */
  sendTo(sessionId: string | undefined, text: string, attachments: Attachment[]): Promise<void>;
  /** Starts a new session with this message. */
  startNew(text: string, attachments: Attachment[]): Promise<void>;
}

/** Asks the agent to fix the run's shown findings (`findingIds`, or all of them). */
export async function fixFindings(reviews: Pick<ReviewService, 'view'>, targets: FixTargets, runId: string, findingIds?: readonly string[]): Promise<void> {
  const run = reviews.view(runId);
  if (!run) throw new Error(l10n.t('That review is no longer shown.'));
  const findings = findingIds ? run.findings.filter((f) => findingIds.includes(f.id)) : run.findings;
  if (findings.length === 0) throw new Error(findingIds ? l10n.t('That finding is no longer shown.') : l10n.t('This review has no findings to fix.'));
  const staged = run.source === 'agent';
  const text = fixText(findings, staged);
  // staged findings are on the agent's own files, which it already knows
  const attachments = staged ? [] : fixAttachments(findings);
  if (staged || run.chat) await targets.sendTo(run.sessionId, text, attachments);
  else await targets.startNew(text, attachments);
}
