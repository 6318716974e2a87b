// The one way out to the webview, and the one owner of what the webview holds of the
// open session: responses, notifications, streamed text and snapshot consistency.
// Contract:
// - With no view attached, or before the webview has taken a snapshot, nothing is sent:
//   a (re)loading webview asks for a snapshot and needs no backlog.
// - snapshot(requestId, build) builds the answer to a snapshot request at one instant:
//   text still waiting in the batcher is dropped (the snapshot holds it), and everything
//   posted after that instant waits until the response is sent, so the webview sees the
//   snapshot before the events that follow it, and none that it already contains.
// - Session events (the core's SessionEvent, src/core/types/events.ts) go out under their
//   own names. `item/updated` deltas are batched (DeltaBatcher: at most ~30 posts a
//   second) and each flush is ONE compact DeltaPost (src/protocol/messages.ts, header),
//   whatever the number of items. `item/completed` of a streamed item carries only the
//   text the webview lacks (`streamed: true`, NotificationMap['item/completed']); the
//   channel knows what that is because every streamed byte the webview holds went out
//   through here (or in the snapshot it built). A turn's end flushes pending text first,
//   so no delta follows `turn/completed` / `turn/failed`.
// - Events must be passed in the order they happened, synchronously with the session's
//   state (Agent.subscribe), so a snapshot built from Agent.items() agrees with them.
import type { HostToWebview, NotificationMap, NotificationMethod, SessionEvent, Snapshot } from '../../protocol/index';
import { streamedText, withStreamedText } from '../../protocol/itemUpdate';
import type { Item } from '../../protocol/index';
import { DeltaBatcher } from './batcher';
import type { Clock } from './clock';
import { DeltaEncoder } from './deltaWire';

export type Send = (message: HostToWebview) => unknown;

/** Host notifications (approvals, changes, config...); session events go through `event`. */
export interface Notifier {
  notify<M extends NotificationMethod>(method: M, params: NotificationMap[M]): void;
}

/** What a session needs of the channel. */
export interface SessionChannel extends Notifier {
  event(event: SessionEvent): void;
  /**
   * A response about to be built from the session's state at this instant (a subagent's
   * items): streamed text still batched goes out first, and later posts wait until the
   * response to `requestId` is sent, so the webview sees none twice and misses none.
   */
  hold?(requestId: number): void;
}

export class WebviewChannel implements SessionChannel {
  private send: Send | undefined;
  private synced = false;
  private held: { requestId: number; queue: HostToWebview[] } | undefined;
  private readonly encoder = new DeltaEncoder();
  private readonly batcher: DeltaBatcher;
  /**
   * Open streamed items (started, not completed) -> the text of it the webview holds;
   * undefined when the webview does not hold the item (it started before the snapshot
   * and is not in it). Cleared as items complete, so it never grows with the session.
   */
  private readonly shown = new Map<string, string | undefined>();

  constructor(clock: Clock, flushIntervalMs?: number) {
    this.batcher = new DeltaBatcher((itemId, text) => this.encode(itemId, text), clock, flushIntervalMs, () => this.postDeltas());
  }

  /** A webview (re)appeared; it is not in sync until it takes a snapshot. */
  attach(send: Send): void {
    this.send = send;
    this.unsync();
  }

  /** The webview went away (hidden without retained context, or disposed). */
  detach(send?: Send): void {
    if (send && send !== this.send) return; // a newer view already attached
    this.send = undefined;
    this.unsync();
  }

  get isSynced(): boolean {
    return this.send !== undefined && this.synced;
  }

  /** Forwards one session event (see the header). */
  event(event: SessionEvent): void {
    switch (event.type) {
      case 'session/started':
        return; // the webview learns the session from the snapshot
      case 'item/started': {
        const text = streamedText(event.item);
        if (text !== undefined) this.shown.set(event.item.id, text);
        return this.notify('item/started', { item: event.item, ...(event.agentId ? { agentId: event.agentId } : {}) });
      }
      case 'item/updated':
        if (this.isSynced && this.shown.get(event.itemId) !== undefined) this.batcher.push(event.itemId, event.delta.text);
        return;
      case 'item/completed':
        return this.complete(event.item, event.agentId);
      case 'turn/completed':
      case 'turn/failed': {
        this.batcher.flushAll();
        const { type, ...params } = event;
        return this.notify(type, params as NotificationMap[typeof type]);
      }
      case 'turn/started':
      case 'session/updated':
      case 'usage/updated':
      case 'queue/updated':
      case 'subagent/updated': {
        const { type, ...params } = event;
        return this.notify(type, params as NotificationMap[typeof type]);
      }
      default: {
        const unhandled: never = event;
        throw new Error(`Unhandled session event ${JSON.stringify(unhandled)}`);
      }
    }
  }

  notify<M extends NotificationMethod>(method: M, params: NotificationMap[M]): void {
    if (!this.isSynced) return;
    this.post({ kind: 'notification', method, params } as HostToWebview);
    if (method === 'state/snapshot') this.encoder.reset(); // the webview rebinds from here on
  }

  /** The snapshot answering request `requestId` (see the header). */
  snapshot(requestId: number, build: () => Snapshot): Snapshot {
    const snapshot = this.rebase(build);
    if (!this.send) return snapshot;
    this.encoder.reset();
    this.synced = true;
    this.held = { requestId, queue: [] };
    return snapshot;
  }

  hold(requestId: number): void {
    if (!this.isSynced) return;
    this.batcher.flushAll();
    this.held ??= { requestId, queue: [] }; // a snapshot being answered already holds
  }

  /** Posts a snapshot unasked (the session changed from a command). */
  pushSnapshot(build: () => Snapshot): void {
    if (!this.isSynced) return;
    this.notify('state/snapshot', this.rebase(build));
  }

  respond(id: number, result: unknown, error?: { message: string }): void {
    if (!this.send) return;
    this.send(error ? { kind: 'response', id, error } : { kind: 'response', id, result });
    if (this.held?.requestId !== id) return;
    const queue = this.held.queue;
    this.held = undefined;
    // A failed snapshot request leaves the webview out of sync (bindings in the dropped
    // queue never arrive): start over at the next snapshot.
    if (error) this.unsync();
    else for (const message of queue) this.send(message);
  }

  /** Builds a snapshot and makes it the webview's new baseline. */
  private rebase(build: () => Snapshot): Snapshot {
    const snapshot = build();
    this.batcher.clear(); // pending text is in the snapshot
    if (this.shown.size > 0) {
      const byId = new Map<string, Item>();
      for (const item of snapshot.items) if (this.shown.has(item.id)) byId.set(item.id, item);
      for (const id of this.shown.keys()) {
        const item = byId.get(id);
        this.shown.set(id, item ? streamedText(item) : undefined);
      }
    }
    return snapshot;
  }

  /** An item's final state, without the streamed text the webview already holds. */
  private complete(item: Item, agentId: string | undefined): void {
    this.batcher.take(item.id); // not posted: the completion carries it
    const held = this.shown.get(item.id);
    this.shown.delete(item.id);
    const final = streamedText(item);
    const from = agentId ? { agentId } : {}; // a subagent's item (events.ts)
    if (held && final !== undefined && final.startsWith(held)) {
      this.notify('item/completed', { item: withStreamedText(item, final.slice(held.length)), streamed: true, ...from });
    } else {
      // not streamed, or rewritten (a retried request closes its partial with '') : whole
      this.notify('item/completed', { item, ...from });
    }
    this.encoder.release(item.id);
  }

  private encode(itemId: string, text: string): void {
    this.encoder.add(itemId, text);
    const held = this.shown.get(itemId);
    if (held !== undefined) this.shown.set(itemId, held + text);
  }

  private postDeltas(): void {
    const post = this.encoder.take();
    if (post) this.post(post);
  }

  private post(message: HostToWebview): void {
    if (!this.send) return;
    if (this.held) this.held.queue.push(message);
    else this.send(message);
  }

  private unsync(): void {
    this.synced = false;
    this.held = undefined;
    this.batcher.clear();
    this.encoder.reset();
  }
}
