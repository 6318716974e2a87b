// Review in the editor: the editable staged-file provider, the pending-count status
// bar item and the review commands (ids and menus in package.json contributes).
// Commands taking a resource accept a `tandem-staged:` / `tandem-staged-edit:` / file Uri
// (editor title menus pass the active resource), a workspace-relative path, or nothing
// (the active editor).
import * as vscode from 'vscode';
import { errorMessage, type Logger } from '../util/log';
import type { PendingChanges } from './pendingChanges';
import { ReviewActions } from './reviewActions';
import { StagedEditFs } from './stagedEditFs';
import { pendingLabel } from './outcomes';
import { STAGED_EDIT_SCHEME } from './uris';

export interface ReviewDeps {
  pending: PendingChanges;
  folder: () => vscode.Uri | undefined;
  log: Logger;
  /** Shows the sidebar, where the Changes area lives. */
  revealChanges: () => Promise<void>;
}

export function guarded<A extends unknown[]>(fn: (...args: A) => Promise<unknown>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (err) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Tandem: {0}', errorMessage(err)));
    }
  };
}

export function registerReview(deps: ReviewDeps): { actions: ReviewActions; disposables: vscode.Disposable[] } {
  const { pending } = deps;
  const actions = new ReviewActions(pending, deps.folder, deps.log);
  const fs = new StagedEditFs(pending);
  const status = vscode.window.createStatusBarItem('tandem.pending', vscode.StatusBarAlignment.Left, 50);
  status.name = vscode.l10n.t('Tandem pending changes');
  status.command = 'tandem.review.showChanges';
  const updateStatus = () => {
    const label = pendingLabel(pending.changes.length);
    if (!label) return status.hide();
    status.text = vscode.l10n.t('$(diff) {0}', label);
    status.tooltip = vscode.l10n.t('{0}\n\nClick to review them in the Tandem sidebar.', pending.changes.map((c) => `${c.path} +${c.added} -${c.removed}`).join('\n'));
    status.show();
    void vscode.commands.executeCommand('setContext', 'tandem.hasPendingChanges', true);
  };
  const statusSub = pending.onDidChange(() => {
    updateStatus();
    if (pending.changes.length === 0) void vscode.commands.executeCommand('setContext', 'tandem.hasPendingChanges', false);
  });
  updateStatus();

  const cmd = (id: string, fn: (...args: unknown[]) => Promise<unknown>) => vscode.commands.registerCommand(id, guarded(fn));
  const disposables: vscode.Disposable[] = [
    fs,
    status,
    { dispose: () => statusSub.dispose() },
    vscode.workspace.registerFileSystemProvider(STAGED_EDIT_SCHEME, fs, { isCaseSensitive: true }),
    cmd('tandem.review.applyFile', async (arg) => {
      const path = actions.pathFrom(arg);
      const outcome = await actions.apply(path);
      // the diff it was applied from now shows two equal sides
      if (outcome.status === 'applied' && arg instanceof vscode.Uri && arg.scheme !== 'file') await closeIfActive(arg);
    }),
    cmd('tandem.review.rejectFile', async (arg) => {
      const path = actions.pathFrom(arg);
      await actions.reject(path);
      if (arg instanceof vscode.Uri && arg.scheme !== 'file') await closeIfActive(arg);
    }),
    cmd('tandem.review.openDiff', async (arg) => actions.openDiff(actions.pathFrom(arg))),
    cmd('tandem.review.editStaged', async (arg) => actions.editStaged(actions.pathFrom(arg))),
    cmd('tandem.applyAll', () => actions.applyAll()),
    cmd('tandem.discardAll', () => actions.discardAll()),
    cmd('tandem.review.showChanges', () => deps.revealChanges()),
    cmd('tandem.review.pick', async () => {
      await pending.refresh();
      const n = pending.changes.length;
      if (n === 0) return void vscode.window.showInformationMessage(vscode.l10n.t('Tandem: nothing is pending.'));
      const pick = await vscode.window.showQuickPick(
        [
          { label: vscode.l10n.t('$(check-all) Apply all ({0})', n), id: 'apply' },
          { label: vscode.l10n.t('$(discard) Discard all ({0})', n), id: 'discard' },
          ...pending.changes.map((c) => ({
            label: c.path,
            description: `${c.kind}${c.binary ? ' · binary' : ` · +${c.added} -${c.removed}`}${c.stale ? vscode.l10n.t(' · changed since staged') : ''}`,
            id: c.path,
          })),
        ],
        { title: vscode.l10n.t('Tandem: pending changes'), placeHolder: vscode.l10n.t('Open a diff, or apply / discard everything') },
      );
      if (!pick) return;
      if (pick.id === 'apply') await actions.applyAll();
      else if (pick.id === 'discard') await actions.discardAll();
      else await actions.openDiff(pick.id);
    }),
  ];
  return { actions, disposables };
}

async function closeIfActive(uri: vscode.Uri): Promise<void> {
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active?.toString() === uri.toString()) await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
}
