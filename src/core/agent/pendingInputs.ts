// The messages waiting for the agent: steering messages for the running turn and queued
// messages that become the next turns (QueuedMessage, types/items.ts).
//
// Contracts:
// - Every change is persisted (`persist`, a synchronous append of the whole list to the
//   session log) BEFORE the method returns, so an acknowledged message survives a
//   crash, a reload or a killed process, in order.
// - A message leaves the list only once the turn has recorded it as a user message
//   (`consumed`). Between being taken for delivery and being recorded it is locked: it
//   stays in the persisted list (a crash then keeps it) but is hidden from `visible()`
//   and cannot be edited or removed; `release` puts it back if the turn never got there.
// - A steer arriving when no turn can take it any more is queued instead, so no message
//   is ever dropped between turns.
import type { Attachment, QueuedMessage } from '../types/items';

export interface PendingInputsDeps {
  /** Writes the whole list (taken messages included) to the session log, synchronously. */
  persist(messages: QueuedMessage[]): void;
  /** The visible list changed. */
  changed(messages: QueuedMessage[]): void;
  newId(): string;
}

export interface QueuedUpdate {
  text?: string;
  attachments?: Attachment[];
  mode?: QueuedMessage['mode'];
}

export class PendingInputs {
  private list: QueuedMessage[];
  private readonly taken = new Set<string>();
  /** A running turn can still take steering messages. */
  private steering = false;
  /** Aborted while a steering message waits (steerSignal). */
  private steered = new AbortController();

  constructor(initial: readonly QueuedMessage[], private readonly deps: PendingInputsDeps) {
    // nothing runs yet: a steer that never reached its turn waits as a queued message
    this.list = initial.map((m) => ({ ...m, mode: 'queue' as const }));
  }

  /** The waiting messages, oldest first, without those being delivered right now. */
  visible(): QueuedMessage[] {
    return this.list.filter((m) => !this.taken.has(m.id));
  }

  add(text: string, attachments: Attachment[] | undefined, mode: QueuedMessage['mode']): QueuedMessage {
    if (!text.trim() && !attachments?.length) throw new Error('Type a message first.');
    const message: QueuedMessage = {
      id: this.deps.newId(),
      text,
      ...(attachments?.length ? { attachments } : {}),
      mode: mode === 'steer' && this.steering ? 'steer' : 'queue',
    };
    this.commit([...this.list, message]);
    return message;
  }

  update(id: string, update: QueuedUpdate): QueuedMessage {
    const at = this.editable(id);
    const old = this.list[at];
    const next: QueuedMessage = { ...old, ...(update.text !== undefined ? { text: update.text } : {}) };
    if (update.attachments !== undefined) {
      if (update.attachments.length) next.attachments = update.attachments;
      else delete next.attachments;
    }
    if (update.mode) next.mode = update.mode === 'steer' && this.steering ? 'steer' : 'queue';
    if (!next.text.trim() && !next.attachments?.length) throw new Error('A queued message cannot be empty: remove it instead.');
    this.commit(this.list.map((m, i) => (i === at ? next : m)));
    return next;
  }

  remove(id: string): void {
    const at = this.editable(id);
    this.commit(this.list.filter((_, i) => i !== at));
  }

  /** Moves a message to `index` among the visible messages (clamped). */
  move(id: string, index: number): void {
    const at = this.editable(id);
    const message = this.list[at];
    const rest = this.list.filter((_, i) => i !== at);
    const visibleRest = rest.filter((m) => !this.taken.has(m.id));
    const target = Math.max(0, Math.min(Math.trunc(index), visibleRest.length));
    // insert before the visible message now at `target` (or at the end)
    const before = visibleRest[target];
    const pos = before ? rest.indexOf(before) : rest.length;
    this.commit([...rest.slice(0, pos), message, ...rest.slice(pos)]);
  }

  // ---- the turn's side -------------------------------------------------------------

  /** A turn starts taking steering messages. */
  openSteering(): void {
    this.steering = true;
  }

  /** The turn can no longer take steering messages (it is finishing). */
  closeSteering(): void {
    this.steering = false;
  }

  hasSteers(): boolean {
    return this.list.some((m) => m.mode === 'steer' && !this.taken.has(m.id));
  }

  /**
   * Aborted while a steering message waits for the model, so a turn that waits (for its
   * subagents, in wait_agent) wakes to read it; a fresh signal once they are taken.
   */
  steerSignal(): AbortSignal {
    if (this.steered.signal.aborted && !this.hasSteers()) this.steered = new AbortController();
    if (this.hasSteers()) this.steered.abort();
    return this.steered.signal;
  }

  /** Takes (locks) every steering message for delivery, oldest first. */
  takeSteers(): QueuedMessage[] {
    const out = this.list.filter((m) => m.mode === 'steer' && !this.taken.has(m.id));
    this.lock(out);
    return out;
  }

  /** Takes (locks) the first queued message, to start a turn with it. */
  takeNextQueued(): QueuedMessage | undefined {
    const next = this.list.find((m) => m.mode === 'queue' && !this.taken.has(m.id));
    if (next) this.lock([next]);
    return next;
  }

  /** The turn recorded these messages (user message item and history): they leave the list. */
  consumed(ids: readonly string[]): void {
    if (ids.length === 0) return;
    const gone = new Set(ids);
    for (const id of ids) this.taken.delete(id);
    this.commit(this.list.filter((m) => !gone.has(m.id)));
  }

  /** Unlocks messages that were taken but never recorded (the turn stopped first). */
  release(ids: readonly string[]): void {
    let any = false;
    for (const id of ids) any = this.taken.delete(id) || any;
    if (any) this.deps.changed(this.visible());
  }

  /** After a turn: steering messages it did not deliver (it was stopped) wait as queued messages. */
  steersToQueue(): void {
    if (!this.list.some((m) => m.mode === 'steer')) return;
    this.commit(this.list.map((m) => (m.mode === 'steer' ? { ...m, mode: 'queue' as const } : m)));
  }

  private lock(messages: QueuedMessage[]): void {
    if (messages.length === 0) return;
    for (const m of messages) this.taken.add(m.id);
    this.deps.changed(this.visible());
  }

  private editable(id: string): number {
    const at = this.list.findIndex((m) => m.id === id);
    if (at < 0 || this.taken.has(id)) throw new Error(at < 0 ? `No queued message "${id}" (it was sent or removed).` : 'This message is being sent and can no longer be changed.');
    return at;
  }

  /** Persists first, then shows: a message the UI shows as accepted is on disk. */
  private commit(next: QueuedMessage[]): void {
    this.deps.persist(next);
    this.list = next;
    if (this.hasSteers()) this.steered.abort();
    this.deps.changed(this.visible());
  }
}
