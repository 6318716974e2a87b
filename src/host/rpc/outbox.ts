// The single way out to the webview: responses and notifications.
// Contract:
// - With no view attached, or before the webview has taken a snapshot, notifications
//   are dropped: a (re)loading webview asks for a snapshot and needs no backlog.
// - A handler that returns a snapshot calls holdUntilResponse(id) at the instant it
//   builds it. Notifications posted between then and the response are queued and sent
//   right after the response, so the webview always sees the snapshot before the
//   deltas that follow it (and none that it already contains).
// - `item/delta` notifications are not posted one by one: every delta notified in one
//   synchronous run (one DeltaBatcher flush, whatever the number of items) becomes ONE
//   compact DeltaPost (src/protocol/messages.ts, header), posted at the end of the run
//   (a microtask) or before anything else the outbox posts, whichever comes first; so the
//   order on the wire is exactly the order of notify() calls. Handles restart at attach
//   and at every snapshot; an item's handle is freed when its item/completed goes out.
import type { HostToWebview, NotificationMap, NotificationMethod } from '../../protocol/messages';
import { DeltaEncoder } from './deltaWire';

export type Send = (message: HostToWebview) => unknown;

export interface Notifier {
  notify<M extends NotificationMethod>(method: M, params: NotificationMap[M]): void;
}

export class Outbox implements Notifier {
  private send: Send | undefined;
  private synced = false;
  private held: { requestId: number; queue: HostToWebview[] } | undefined;
  private readonly deltas = new DeltaEncoder();
  private flushQueued = false;

  /** A webview (re)appeared; it is not in sync until it takes a snapshot. */
  attach(send: Send): void {
    this.send = send;
    this.synced = false;
    this.held = undefined;
    this.deltas.reset();
  }

  /** The webview went away (hidden without retained context, or disposed). */
  detach(send?: Send): void {
    if (send && send !== this.send) return; // a newer view already attached
    this.send = undefined;
    this.synced = false;
    this.held = undefined;
    this.deltas.reset();
  }

  get isSynced(): boolean {
    return this.send !== undefined && this.synced;
  }

  notify<M extends NotificationMethod>(method: M, params: NotificationMap[M]): void {
    if (!this.send || !this.synced) return;
    if (method === 'item/delta') {
      const { itemId, text } = params as NotificationMap['item/delta'];
      this.deltas.add(itemId, text);
      this.queueFlush();
      return;
    }
    this.flush();
    this.post({ kind: 'notification', method, params } as HostToWebview);
    if (method === 'item/completed') this.deltas.release((params as NotificationMap['item/completed']).item.id);
    else if (method === 'state/snapshot') this.deltas.reset(); // the webview rebinds from here on
  }

  /** Posts the deltas buffered so far now (normally done at the end of the run). */
  flush(): void {
    const post = this.deltas.take();
    if (post && this.send) this.post(post);
  }

  holdUntilResponse(requestId: number): void {
    if (!this.send) return;
    this.flush(); // notified before the snapshot was built: goes out before it, as it happened
    this.deltas.reset();
    this.synced = true;
    this.held = { requestId, queue: [] };
  }

  respond(id: number, result: unknown, error?: { message: string }): void {
    if (!this.send) return;
    this.flush();
    this.send(error ? { kind: 'response', id, error } : { kind: 'response', id, result });
    if (this.held?.requestId === id) {
      const queue = this.held.queue;
      this.held = undefined;
      if (error) {
        // A failed snapshot request leaves the webview out of sync (bindings in the
        // dropped queue never arrive: start over at the next snapshot).
        this.synced = false;
        this.deltas.reset();
      } else for (const message of queue) this.send(message);
    }
  }

  private post(message: HostToWebview): void {
    if (this.held) this.held.queue.push(message);
    else this.send?.(message);
  }

  private queueFlush(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    queueMicrotask(() => {
      this.flushQueued = false;
      this.flush();
    });
  }
}
