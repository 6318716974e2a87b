// Code review in the editor: "Tandem: Review Changes…", the findings as comment threads
// and in the findings tree, the status bar count, Fix with Tandem / Dismiss, and the
// background review of the agent's staged changes (ids, menus and settings in
// package.json contributes).
import * as vscode from 'vscode';
import type { GitReviewTarget } from '../../../protocol/review';
import type { PendingChanges } from '../../changes/pendingChanges';
import { guarded } from '../../changes/registerChangeCommands';
import type { SessionManager } from '../../session/sessionManager';
import type { Logger } from '../../util/log';
import { AgentReviewTrigger } from '../agentReview';
import { fixFindings, type FixTargets } from '../fixFindings';
import type { ReviewService } from '../reviewService';
import type { ReviewSettings } from '../settings';
import { outcomeMessage, statusLabel } from '../summary';
import { FindingThreads, type FindingRef } from './findingThreads';
import { FINDINGS_VIEW_ID, FindingsTree, OPEN_FINDING_COMMAND, type FindingsNode } from './findingsTree';
import { pickReviewTarget } from './targetPicker';

export interface CodeReviewDeps {
  reviews: ReviewService;
  settings: () => ReviewSettings;
  sessions: SessionManager;
  pending: PendingChanges;
  folder: () => vscode.Uri | undefined;
  log: Logger;
  fixes: FixTargets;
}

export const REVIEW_CHANGES_COMMAND = 'tandem.reviewChanges';

export function registerCodeReview(deps: CodeReviewDeps): vscode.Disposable[] {
  const { reviews, fixes } = deps;
  const threads = new FindingThreads(reviews, deps.pending, deps.folder);
  const tree = new FindingsTree(reviews, deps.folder);
  const treeView = vscode.window.createTreeView(FINDINGS_VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  const trigger = new AgentReviewTrigger({ sessions: deps.sessions, pending: deps.pending, reviews, settings: deps.settings, log: deps.log });

  const status = vscode.window.createStatusBarItem('tandem.review', vscode.StatusBarAlignment.Left, 49);
  status.name = vscode.l10n.t('Tandem review findings');
  status.command = `${FINDINGS_VIEW_ID}.focus`;
  const keys = new Map<string, boolean>();
  const setKey = (key: string, value: boolean) => {
    if (keys.get(key) === value) return;
    keys.set(key, value);
    void vscode.commands.executeCommand('setContext', key, value);
  };
  const update = () => {
    const runs = reviews.views();
    const label = statusLabel(runs);
    treeView.badge = label && label.count > 0 ? { value: label.count, tooltip: label.tooltip } : undefined;
    setKey('tandem.reviewRunning', runs.some((r) => r.status === 'running'));
    setKey('tandem.hasStagedFindings', runs.some((r) => r.source === 'agent' && r.findings.length > 0));
    if (!label) return status.hide();
    status.text = label.text;
    status.tooltip = label.tooltip;
    status.show();
  };
  const statusSub = reviews.onDidChange(update);
  update();

  /** The finding a command is about: a comment thread, a tree node, or a ref. */
  const refFrom = (arg: unknown): FindingRef => {
    const node = arg as Partial<FindingsNode> & Partial<FindingRef>;
    if (typeof node?.runId === 'string' && typeof node.findingId === 'string') return { runId: node.runId, findingId: node.findingId };
    if (node?.kind === 'finding' && node.ref) return node.ref;
    const ref = arg && typeof arg === 'object' ? threads.refOf(arg as vscode.CommentThread) : undefined;
    if (!ref) throw new Error(vscode.l10n.t('Pick a finding first (a comment thread or an entry of the findings view).'));
    return ref;
  };

  const cmd = (id: string, fn: (...args: any[]) => Promise<unknown>) => vscode.commands.registerCommand(id, guarded(fn));
  return [
    threads,
    tree,
    treeView,
    status,
    { dispose: () => statusSub.dispose() },
    { dispose: () => trigger.dispose() },
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('tandem.review')) reviews.refresh();
    }),
    cmd(REVIEW_CHANGES_COMMAND, async (target?: GitReviewTarget) => {
      const folder = deps.folder();
      if (!folder) throw new Error(vscode.l10n.t('Open a folder to review its changes.'));
      const picked = target ?? (await pickReviewTarget(folder));
      if (picked) await reviewWithProgress(reviews, picked);
    }),
    cmd(OPEN_FINDING_COMMAND, (ref: FindingRef) => threads.reveal(refFrom(ref))),
    cmd('tandem.review.fixFinding', async (arg: unknown) => {
      const ref = refFrom(arg);
      await fixFindings(reviews, fixes, ref.runId, [ref.findingId]);
    }),
    cmd('tandem.review.dismissFinding', async (arg: unknown) => {
      const ref = refFrom(arg);
      const found = reviews.finding(ref.runId, ref.findingId);
      if (!found) throw new Error(vscode.l10n.t('That finding is no longer shown.'));
      const reason = await vscode.window.showInputBox({
        title: vscode.l10n.t('Dismiss: {0}', found.finding.title),
        prompt: vscode.l10n.t('Why is this not a problem? (optional; Enter dismisses, Escape keeps the finding)'),
        placeHolder: vscode.l10n.t('e.g. intended: the list is never empty here'),
      });
      if (reason === undefined) return;
      const remembered = await reviews.dismiss(ref.runId, ref.findingId, reason);
      vscode.window.setStatusBarMessage(
        remembered ? vscode.l10n.t('Tandem: finding dismissed; it will not be reported again for this code.') : vscode.l10n.t('Tandem: finding hidden (not remembered: the folder is not a git repository).'),
        5000,
      );
    }),
    cmd('tandem.review.fixAll', async (arg?: unknown) => {
      const runId = typeof arg === 'string' ? arg : reviews.views().find((r) => r.source === 'agent' && r.findings.length > 0)?.id;
      if (!runId) throw new Error(vscode.l10n.t('There are no findings on staged changes to address.'));
      await fixFindings(reviews, fixes, runId);
    }),
    cmd('tandem.review.stop', async () => {
      for (const run of reviews.views()) reviews.cancel(run.id);
    }),
  ];
}

/** Runs a requested review with a cancellable progress notification, then says how it went. */
async function reviewWithProgress(reviews: ReviewService, target: GitReviewTarget): Promise<void> {
  const handle = reviews.review(target);
  const run = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Tandem: reviewing {0}', reviews.view(handle.runId)?.description ?? vscode.l10n.t('changes')), cancellable: true },
    async (progress, token) => {
      const cancel = token.onCancellationRequested(() => reviews.cancel(handle.runId));
      let last: string | undefined;
      const sub = reviews.onDidChange(() => {
        const message = reviews.view(handle.runId)?.progress;
        if (message && message !== last) progress.report({ message: (last = message) });
      });
      try {
        return await handle.done;
      } finally {
        sub.dispose();
        cancel.dispose();
      }
    },
  );
  const outcome = outcomeMessage(run);
  if (!outcome) return;
  if (outcome.level === 'error') {
    void vscode.window.showErrorMessage(outcome.text);
    return;
  }
  const show = run.findings.length > 0 ? [vscode.l10n.t('Show Findings')] : [];
  const notify = outcome.level === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  void notify(outcome.text, ...show).then((pick) => pick && vscode.commands.executeCommand(`${FINDINGS_VIEW_ID}.focus`));
}
