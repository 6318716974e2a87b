// Typed request/response client over the webview's postMessage channel.
// Contract (src/protocol/messages.ts): every request carries a fresh numeric id and is
// answered by exactly one `response` with that id (`result` or `error`); notifications
// carry no id and are handed to `onNotification` in arrival order. A compact DeltaPost
// (streamed text, see webview/rpc/deltas.ts) is handed on as the `item/updated` events
// it stands for, in entry order. Anything else that arrives on the channel
// (other extensions' messages, junk) is ignored, never thrown.
import type {
  DeltaPost,
  HostToWebview,
  ItemUpdate,
  NotificationMap,
  NotificationMethod,
  ParamsOf,
  RequestMethod,
  ResultOf,
  WebviewToHost,
} from '../../src/protocol';
import { DeltaDecoder, isDeltaPost } from './deltas';

/** What the host tells the webview: a notification, or an item/updated decoded from a DeltaPost. */
export type HostNotification =
  | { [M in NotificationMethod]: { method: M; params: NotificationMap[M] } }[NotificationMethod]
  | { method: 'item/updated'; params: ItemUpdate };

export interface Transport {
  postMessage(message: WebviewToHost): void;
}

/** What components need from the client; tests pass a fake with the same shape. */
export interface Rpc {
  request<M extends RequestMethod>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>>;
}

/** A request that the host answered with `error`, or that could not be delivered. */
export class RpcError extends Error {
  constructor(
    message: string,
    readonly method: string,
  ) {
    super(message);
    this.name = 'RpcError';
  }
}

interface Pending {
  method: string;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export class RpcClient implements Rpc {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly deltas = new DeltaDecoder();

  constructor(
    private readonly transport: Transport,
    private readonly onNotification: (notification: HostNotification) => void,
  ) {}

  request<M extends RequestMethod>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
    const id = this.nextId++;
    return new Promise<ResultOf<M>>((resolve, reject) => {
      this.pending.set(id, { method, resolve: resolve as (v: unknown) => void, reject });
      try {
        this.transport.postMessage({ kind: 'request', id, method, params } as WebviewToHost);
      } catch (err) {
        this.pending.delete(id);
        reject(new RpcError(`Could not send ${method}: ${String(err)}`, method));
      }
    });
  }

  /** Feed every `message` event's data here. Returns whether it was a protocol message. */
  handleMessage(data: unknown): boolean {
    if (isDeltaPost(data)) {
      for (const params of this.deltas.decode(data)) this.onNotification({ method: 'item/updated', params });
      return true;
    }
    if (!isEnvelope(data)) return false;
    const msg = data as Exclude<HostToWebview, DeltaPost>;
    if (msg.kind === 'response') {
      const waiting = this.pending.get(msg.id);
      if (!waiting) return true; // late or duplicate answer: the promise is already settled
      this.pending.delete(msg.id);
      if (msg.error) waiting.reject(new RpcError(msg.error.message || 'Request failed', waiting.method));
      else waiting.resolve(msg.result);
      return true;
    }
    // the host frees the item's handle with its completion
    if (msg.method === 'item/completed' && typeof msg.params?.item?.id === 'string') this.deltas.forget(msg.params.item.id);
    this.onNotification({ method: msg.method, params: msg.params } as HostNotification);
    return true;
  }

  /** Number of requests still waiting for an answer (for tests and diagnostics). */
  get pendingCount(): number {
    return this.pending.size;
  }

  /** Rejects everything still waiting, e.g. when the view is torn down. */
  dispose(reason = 'The view was closed'): void {
    for (const [, p] of this.pending) p.reject(new RpcError(reason, p.method));
    this.pending.clear();
  }
}

function isEnvelope(data: unknown): boolean {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as { kind?: unknown; id?: unknown; method?: unknown };
  if (d.kind === 'response') return typeof d.id === 'number';
  if (d.kind === 'notification') return typeof d.method === 'string';
  return false;
}
