// The single way out to the webview: responses and notifications.
// Contract:
// - With no view attached, or before the webview has taken a snapshot, notifications
//   are dropped: a (re)loading webview asks for a snapshot and needs no backlog.
// - A handler that returns a snapshot calls holdUntilResponse(id) at the instant it
//   builds it. Notifications posted between then and the response are queued and sent
//   right after the response, so the webview always sees the snapshot before the
//   deltas that follow it (and none that it already contains).
import type { HostToWebview, NotificationMap, NotificationMethod } from '../../protocol/messages';

export type Send = (message: HostToWebview) => unknown;

export interface Notifier {
  notify<M extends NotificationMethod>(method: M, params: NotificationMap[M]): void;
}

export class Outbox implements Notifier {
  private send: Send | undefined;
  private synced = false;
  private held: { requestId: number; queue: HostToWebview[] } | undefined;

  /** A webview (re)appeared; it is not in sync until it takes a snapshot. */
  attach(send: Send): void {
    this.send = send;
    this.synced = false;
    this.held = undefined;
  }

  /** The webview went away (hidden without retained context, or disposed). */
  detach(send?: Send): void {
    if (send && send !== this.send) return; // a newer view already attached
    this.send = undefined;
    this.synced = false;
    this.held = undefined;
  }

  get isSynced(): boolean {
    return this.send !== undefined && this.synced;
  }

  notify<M extends NotificationMethod>(method: M, params: NotificationMap[M]): void {
    if (!this.send || !this.synced) return;
    const message = { kind: 'notification', method, params } as HostToWebview;
    if (this.held) this.held.queue.push(message);
    else this.send(message);
  }

  holdUntilResponse(requestId: number): void {
    if (!this.send) return;
    this.synced = true;
    this.held = { requestId, queue: [] };
  }

  respond(id: number, result: unknown, error?: { message: string }): void {
    if (!this.send) return;
    this.send(error ? { kind: 'response', id, error } : { kind: 'response', id, result });
    if (this.held?.requestId === id) {
      const queue = this.held.queue;
      this.held = undefined;
      // A failed snapshot request leaves the webview out of sync.
      if (error) this.synced = false;
      else for (const message of queue) this.send(message);
    }
  }
}
