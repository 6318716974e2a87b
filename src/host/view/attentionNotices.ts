// The vscode side of AttentionTee (src/host/session/attention.ts): while the Tandem view
// is hidden or the window is not focused, a badge on the view (approvals waiting +
// changes pending) and notifications with a "Show" action, each switchable in settings
// (tandem.notifications.*). A visible view in a focused window shows none of them.
import * as vscode from 'vscode';
import type { PendingApproval } from '../../protocol/messages';
import type { AttentionSink } from '../session/attention';

export interface AttentionView {
  /** The view is on screen. */
  visible(): boolean;
  setBadge(badge: vscode.ViewBadge | undefined): void;
  reveal(): Promise<void>;
  /** Fires when the view's visibility changes. */
  onDidChangeVisibility(listener: () => void): vscode.Disposable;
}

function setting<T>(key: string, fallback: T): T {
  return vscode.workspace.getConfiguration('tandem.notifications').get<T>(key, fallback);
}

/** The badge's tooltip: whole sentences per count form. */
function badgeTooltip(approvals: number, changes: number): string {
  const waiting = approvals === 1 ? vscode.l10n.t('1 approval waiting') : vscode.l10n.t('{0} approvals waiting', approvals);
  const pending = changes === 1 ? vscode.l10n.t('1 change pending') : vscode.l10n.t('{0} changes pending', changes);
  if (approvals && changes) return vscode.l10n.t('Tandem: {0}, {1}', waiting, pending);
  return vscode.l10n.t('Tandem: {0}', approvals ? waiting : pending);
}

function approvalText(approval: PendingApproval): string {
  if (approval.type === 'command') return vscode.l10n.t('Tandem needs your approval to run `{0}`.', approval.command.split('\n')[0].slice(0, 80));
  if (approval.type === 'read') return vscode.l10n.t('Tandem needs your approval to read {0}.', approval.path);
  return vscode.l10n.t('Tandem needs your approval to write {0}.', approval.path);
}

function turnText(outcome: 'completed' | 'failed' | 'stopped', seconds: number, detail?: string): string {
  if (outcome === 'failed') return detail ? vscode.l10n.t("Tandem's task failed after {0} s: {1}", seconds, detail) : vscode.l10n.t("Tandem's task failed after {0} s.", seconds);
  return outcome === 'stopped' ? vscode.l10n.t('Tandem stopped after {0} s.', seconds) : vscode.l10n.t('Tandem finished after {0} s.', seconds);
}

export class AttentionNotices implements AttentionSink, vscode.Disposable {
  private counts = { approvals: 0, changes: 0 };
  private subs: vscode.Disposable[] = [];
  private view: AttentionView | undefined;

  /** The view is built after the sessions that report to this (composition root). */
  attach(view: AttentionView): void {
    this.view = view;
    // looking again clears the badge; looking away shows it
    this.subs = [view.onDidChangeVisibility(() => this.render()), vscode.window.onDidChangeWindowState(() => this.render())];
    this.render();
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
  }

  private away(): boolean {
    return !this.view?.visible() || !vscode.window.state.focused;
  }

  thresholdMs(): number {
    return Math.max(0, setting('turnThresholdSeconds', 30)) * 1000;
  }

  badge(approvals: number, changes: number): void {
    this.counts = { approvals, changes };
    this.render();
  }

  private render(): void {
    const { approvals, changes } = this.counts;
    const value = approvals + changes;
    if (!this.view) return;
    if (!setting('badge', true) || value === 0 || !this.away()) return this.view.setBadge(undefined);
    this.view.setBadge({ value, tooltip: badgeTooltip(approvals, changes) });
  }

  approvalNeeded(approval: PendingApproval): void {
    if (!setting('approvals', true) || !this.away()) return;
    this.offerShow(vscode.window.showWarningMessage(approvalText(approval), this.show()));
  }

  turnEnded(outcome: 'completed' | 'failed' | 'stopped', seconds: number, detail?: string): void {
    if (!setting('turnEnded', true) || !this.away()) return;
    const text = turnText(outcome, seconds, detail);
    this.offerShow(outcome === 'failed' ? vscode.window.showErrorMessage(text, this.show()) : vscode.window.showInformationMessage(text, this.show()));
  }

  /** The notification's action (computed when shown: no l10n call at module level). */
  private show(): string {
    return vscode.l10n.t('Show');
  }

  private offerShow(choice: Thenable<string | undefined>): void {
    const show = this.show();
    void choice.then((picked) => {
      if (picked === show) void this.view?.reveal();
    });
  }
}
