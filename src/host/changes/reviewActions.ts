// Apply / reject from the editor (diff editor title, CodeLens, palette), with the user
// told what happened. Conflicts (the file changed under the pending change and the
// three-way merge overlaps) are shown with what to do next; nothing is overwritten and
// the change stays pending (the core guarantees it; we only report it).
import * as vscode from 'vscode';
import { openStagedDiff } from '../editor/stagedContent';
import { errorMessage, type Logger } from '../util/log';
import type { PendingChanges } from './pendingChanges';
import { conflictMessage, hunkOutcomeMessage, summarizeOutcomes } from './outcomes';
import { STAGED_EDIT_SCHEME, stagedEditUri, parseReviewUri } from './uris';
import type { ApplyOutcome } from '../../core/index';


export class ReviewActions {
  constructor(
    private readonly pending: PendingChanges,
    private readonly folder: () => vscode.Uri | undefined,
    private readonly log: Logger,
  ) {}

  private agent() {
    const agent = this.pending.agent();
    if (!agent) throw new Error(vscode.l10n.t('No Tandem session is open.'));
    return agent;
  }

  /** The workspace path a command argument (or the active editor) is about. */
  pathFrom(arg: unknown): string {
    const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
    if (typeof arg === 'string') return arg;
    const ref = uri ? parseReviewUri(uri, this.folder()) : undefined;
    if (!ref) throw new Error(vscode.l10n.t('Open a file with a pending Tandem change first.'));
    if (ref.sessionId && ref.sessionId !== this.agent().sessionId) throw new Error(vscode.l10n.t('That staged version belongs to a session that is no longer open.'));
    return ref.path;
  }

  async apply(path: string, hunkIds?: string[]): Promise<ApplyOutcome> {
    await this.saveEditedStaged(path);
    const outcome = await this.agent().apply(path, hunkIds);
    await this.pending.refresh();
    if (outcome.status === 'conflict') this.showConflict(outcome.path, outcome.detail);
    else vscode.window.setStatusBarMessage(hunkOutcomeMessage(outcome), 4000);
    return outcome;
  }

  async reject(path: string, hunkIds?: string[], reason?: string): Promise<ApplyOutcome> {
    const outcome = await this.agent().reject(path, hunkIds, reason);
    await this.pending.refresh();
    vscode.window.setStatusBarMessage(hunkOutcomeMessage(outcome), 4000);
    return outcome;
  }

  async applyAll(): Promise<void> {
    const agent = this.agent();
    for (const c of this.pending.changes) await this.saveEditedStaged(c.path);
    const summary = summarizeOutcomes(await agent.staging.applyAll());
    await this.pending.refresh();
    if (summary.conflicts.length === 1) this.showConflict(summary.conflicts[0].path, summary.conflicts[0].detail);
    else if (summary.conflicts.length > 1) {
      const lines = summary.conflicts.map((c) => `${c.path}: ${c.detail}`).join('; ');
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} Nothing was overwritten. {1}', summary.message, lines));
    } else if (summary.held.length) void vscode.window.showWarningMessage(summary.message);
    else void vscode.window.showInformationMessage(summary.message);
  }

  async discardAll(): Promise<void> {
    const agent = this.agent();
    const n = this.pending.changes.length;
    if (n === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Tandem: nothing is pending.'));
      return;
    }
    const discard = vscode.l10n.t('Discard');
    const ok = await vscode.window.showWarningMessage(
      n === 1
        ? vscode.l10n.t("Discard 1 pending file? The agent's staged changes are dropped; your files are not touched.")
        : vscode.l10n.t("Discard {0} pending files? The agent's staged changes are dropped; your files are not touched.", n),
      { modal: true },
      discard,
    );
    if (ok !== discard) return;
    const summary = summarizeOutcomes(await agent.staging.discardAll());
    await this.pending.refresh();
    void vscode.window.showInformationMessage(summary.message);
  }

  async openDiff(path: string): Promise<void> {
    const agent = this.agent();
    const change = (await agent.changes()).find((c) => c.path === path);
    if (!change) throw new Error(vscode.l10n.t('Nothing is staged for {0}.', path));
    await openStagedDiff(change, agent.sessionId, (p) => this.fileUri(p));
  }

  /** Opens the staged file editable; saving it updates the staged change (stagedEditFs.ts). */
  async editStaged(path: string): Promise<void> {
    const agent = this.agent();
    const change = (await agent.changes()).find((c) => c.path === path);
    if (!change) throw new Error(vscode.l10n.t('Nothing is staged for {0}.', path));
    if (change.kind === 'delete') throw new Error(vscode.l10n.t('{0} is staged for deletion; there is no staged text to edit.', path));
    if (change.binary) throw new Error(vscode.l10n.t('{0} is a binary file; it cannot be edited here.', path));
    const doc = await vscode.workspace.openTextDocument(stagedEditUri(path, agent.sessionId));
    await vscode.window.showTextDocument(doc, { preview: false });
  }

  private fileUri(path: string): vscode.Uri {
    const folder = this.folder();
    if (!folder) throw new Error(vscode.l10n.t('Open a folder first.'));
    return vscode.Uri.joinPath(folder, ...path.split('/'));
  }

  /** Unsaved edits of the staged version are part of what the user is accepting. */
  private async saveEditedStaged(path: string): Promise<void> {
    for (const doc of vscode.workspace.textDocuments) {
      if (doc.uri.scheme !== STAGED_EDIT_SCHEME || !doc.isDirty) continue;
      if (parseReviewUri(doc.uri, undefined)?.path === path && !(await doc.save())) {
        throw new Error(vscode.l10n.t('Could not save your edits of the staged {0}; nothing was applied.', path));
      }
    }
  }

  private showConflict(path: string, detail: string): void {
    this.log.warn(`apply ${path}: conflict: ${detail}`);
    const OPEN_DIFF = vscode.l10n.t('Open Diff');
    const EDIT_STAGED = vscode.l10n.t('Edit Staged Version');
    void vscode.window.showWarningMessage(conflictMessage(path, detail), OPEN_DIFF, EDIT_STAGED).then(async (pick) => {
      try {
        if (pick === OPEN_DIFF) await this.openDiff(path);
        if (pick === EDIT_STAGED) await this.editStaged(path);
      } catch (err) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Tandem: {0}', errorMessage(err)));
      }
    });
  }
}
