// The vscode side of AttentionTee (src/host/session/attention.ts): while the Tandem view
// is hidden or the window is not focused, a badge on the view (approvals waiting +
// changes pending) and notifications with a "Show" action, each switchable in settings
// (tandem.notifications.*). A visible view in a focused window shows none of them.
import * as vscode from 'vscode';
import type { PendingApproval } from '../../protocol/messages';
import type { AttentionSink } from '../session/attention';

const SHOW = 'Show';

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
    const parts = [approvals ? `${approvals} approval${approvals === 1 ? '' : 's'} waiting` : '', changes ? `${changes} change${changes === 1 ? '' : 's'} pending` : ''];
    this.view.setBadge({ value, tooltip: `Tandem: ${parts.filter(Boolean).join(', ')}` });
  }

  approvalNeeded(approval: PendingApproval): void {
    if (!setting('approvals', true) || !this.away()) return;
    const what = approval.type === 'command' ? `run \`${approval.command.split('\n')[0].slice(0, 80)}\`` : `${approval.type} ${approval.path}`;
    void vscode.window.showWarningMessage(`Tandem needs your approval to ${what}.`, SHOW).then((choice) => {
      if (choice === SHOW) void this.view?.reveal();
    });
  }

  turnEnded(outcome: 'completed' | 'failed' | 'stopped', seconds: number, detail?: string): void {
    if (!setting('turnEnded', true) || !this.away()) return;
    const text = outcome === 'failed' ? `Tandem's task failed after ${seconds} s${detail ? `: ${detail}` : '.'}` : `Tandem ${outcome === 'stopped' ? 'stopped' : 'finished'} after ${seconds} s.`;
    const show = outcome === 'failed' ? vscode.window.showErrorMessage(text, SHOW) : vscode.window.showInformationMessage(text, SHOW);
    void show.then((choice) => {
      if (choice === SHOW) void this.view?.reveal();
    });
  }
}
