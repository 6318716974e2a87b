// When the user is not looking: what the agent waits for and what it finished. A tee in
// front of the webview channel (every session event and notification passes through
// unchanged) that counts pending approvals and staged changes and times turns, and tells
// an AttentionSink (vscode side: src/host/view/attentionNotices.ts) about:
// - the badge: approvals waiting + changes pending, after every change of either;
// - an approval that needs the user (once per request);
// - a turn that ran at least `thresholdMs` and ended (completed, failed or stopped).
// vscode-free; the sink decides whether the view is hidden or the window unfocused.
import type { NotificationMap, NotificationMethod, PendingApproval } from '../../protocol/messages';
import type { SessionEvent } from '../../core/index';
import type { SessionChannel } from '../rpc/webviewChannel';
import type { Clock } from '../rpc/clock';

export interface AttentionSink {
  badge(approvals: number, changes: number): void;
  approvalNeeded(approval: PendingApproval): void;
  turnEnded(outcome: 'completed' | 'failed' | 'stopped', seconds: number, detail?: string): void;
  /** Turns shorter than this are not announced. */
  thresholdMs(): number;
}

export class AttentionTee implements SessionChannel {
  private readonly approvals = new Set<string>();
  private changes = 0;
  private startedAt: number | undefined;

  constructor(
    private readonly channel: SessionChannel,
    private readonly clock: Clock,
    private readonly sink: AttentionSink,
  ) {}

  event(event: SessionEvent): void {
    this.channel.event(event);
    if (event.type === 'turn/started') this.startedAt ??= this.clock.now();
    else if (event.type === 'turn/completed' || event.type === 'turn/failed') {
      const started = this.startedAt;
      this.startedAt = undefined;
      if (started === undefined) return;
      const ms = this.clock.now() - started;
      if (ms < this.sink.thresholdMs()) return;
      const outcome = event.type === 'turn/failed' ? 'failed' : event.aborted ? 'stopped' : 'completed';
      this.sink.turnEnded(outcome, Math.round(ms / 1000), event.type === 'turn/failed' ? event.error.message : undefined);
    }
  }

  notify<M extends NotificationMethod>(method: M, params: NotificationMap[M]): void {
    this.channel.notify(method, params);
    if (method === 'approval/requested') {
      const approval = params as PendingApproval;
      if (this.approvals.has(approval.requestId)) return;
      this.approvals.add(approval.requestId);
      this.sink.approvalNeeded(approval);
    } else if (method === 'approval/resolved') {
      if (!this.approvals.delete((params as NotificationMap['approval/resolved']).requestId)) return;
    } else if (method === 'changes/updated') {
      const count = (params as NotificationMap['changes/updated']).changes.length;
      if (count === this.changes) return;
      this.changes = count;
    } else return;
    this.sink.badge(this.approvals.size, this.changes);
  }
}
