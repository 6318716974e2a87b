// The webview's model of the host state: a snapshot, then deltas applied in order.
// Contracts:
// - Only the changed item gets a new object; every other item keeps its identity, so
//   memoised rows skip re-rendering (the list re-renders visible rows, not all rows).
// - Idempotent where the protocol allows it: a repeated snapshot, item/started or
//   item/completed yields the same state; a delta for an unknown or already completed
//   item is dropped rather than duplicating text the completed item already holds.
// - item/completed with `streamed: true` carries only the tail of the item's text: it is
//   appended to the accumulated text (once: a repeat for a done item is ignored).
import type {
  Attachment,
  Item,
  ChangedFileSummary,
  ConfigView,
  NotificationMap,
  NotificationMethod,
  PendingApproval,
  QueuedMessage,
  SessionSummary,
  ItemUpdate,
  ReviewRunView,
} from '../../src/protocol';
import { PROTOCOL_VERSION } from '../../src/protocol';
import type { HostNotification } from '../rpc/client';
import { indexItems, withFinished } from './items';
import { prependOlder, trimOldest, type OlderItemsAction } from './older';
import { appendDelta, putItem, upsert } from './itemList';
import { applyToAgents, type AgentLists, type AgentsAction } from './agents';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  message: string;
}

export interface ChatState {
  /** False until the first snapshot arrives. */
  ready: boolean;
  hostProtocolVersion?: number;
  sessionId?: string;
  title?: string;
  items: Item[];
  /** How many older items of the session are not in `items` yet (paged in with session/items). */
  olderItems: number;
  /** Item id -> position in `items`. */
  index: ReadonlyMap<string, number>;
  /** Ids whose item/completed was applied (late deltas for these are dropped). */
  done: ReadonlySet<string>;
  running: boolean;
  turnId?: string;
  approvals: PendingApproval[];
  changes: ChangedFileSummary[];
  /**
   * Why the last Apply/Reject of a staged file failed (a conflict with the user's edits,
   * an outdated hunk), by path. Kept until the user dismisses it, acts on the file again,
   * or the file is no longer staged.
   */
  reviewErrors: Readonly<Record<string, string>>;
  config?: ConfigView;
  usage?: { contextTokens: number; contextWindow: number };
  /** Code reviews the host holds (review/updated replaces the list; see state/reviews.ts). */
  reviews: ReviewRunView[];
  sessions?: SessionSummary[];
  /** Latest composer/fill request; `seq` changes on every fill so the composer can react. */
  fill?: { seq: number; text: string; attachments?: Attachment[] };
  /** Latest panel/show request from the view's title bar; `seq` changes on every request. */
  panelRequest?: { seq: number; panel: 'chat' | 'history'; toggle?: boolean };
  notices: Notice[];
  /** Messages waiting for the agent (steered, queued), in order. */
  queued: QueuedMessage[];
  /** Subagents' own items, by agentId, for the cards that show them (agents.ts). */
  agents: AgentLists;
}

export type LocalAction =
  | { type: 'batch'; actions: Action[] }
  | OlderItemsAction
  | { type: 'notice/show'; kind: Notice['kind']; message: string }
  | { type: 'notice/dismiss'; id: number }
  | { type: 'review/failed'; errors: Record<string, string> }
  | { type: 'review/clear'; path: string }
  | AgentsAction;

/** Host notifications (and decoded item/updated events) are actions as they are: `type` is the method name. */
export type HostAction =
  | { [M in NotificationMethod]: { type: M; params: NotificationMap[M] } }[NotificationMethod]
  | { type: 'item/updated'; params: ItemUpdate };
export type Action = HostAction | LocalAction;

export function fromNotification(n: HostNotification): HostAction {
  return { type: n.method, params: n.params } as HostAction;
}

export const initialState: ChatState = {
  ready: false,
  items: [],
  olderItems: 0,
  index: new Map(),
  done: new Set(),
  running: false,
  approvals: [],
  changes: [],
  reviewErrors: {},
  reviews: [],
  notices: [],
  queued: [],
  agents: {},
};

let noticeSeq = 0;

export function reducer(state: ChatState, action: Action): ChatState {
  // a subagent's own events, and its loaded items, go to its list (agents.ts)
  const agents = applyToAgents(state.agents, action, state.index);
  if (agents !== undefined) return agents === state.agents ? state : { ...state, agents };
  switch (action.type) {
    case 'batch':
      return action.actions.reduce(reducer, state);
    case 'items/older':
      return prependOlder(state, action);
    case 'notice/show': {
      const notice = { id: ++noticeSeq, kind: action.kind, message: action.message };
      // the newest few only: a flood of failures must not grow the UI without bound
      return { ...state, notices: [...state.notices, notice].slice(-3) };
    }
    case 'notice/dismiss':
      return { ...state, notices: state.notices.filter((n) => n.id !== action.id) };
    case 'review/failed':
      return { ...state, reviewErrors: { ...state.reviewErrors, ...action.errors } };
    case 'review/clear': {
      if (!(action.path in state.reviewErrors)) return state;
      const { [action.path]: _dropped, ...rest } = state.reviewErrors;
      return { ...state, reviewErrors: rest };
    }
    case 'state/snapshot': {
      const s = action.params;
      return {
        ...state,
        ready: true,
        hostProtocolVersion: s.protocolVersion,
        sessionId: s.sessionId,
        title: s.title,
        items: s.items,
        olderItems: s.olderItems ?? 0,
        index: indexItems(s.items),
        done: withFinished(new Set(), s.items),
        running: s.running,
        turnId: s.running ? state.turnId : undefined,
        approvals: s.approvals,
        changes: s.changes,
        reviewErrors: s.sessionId === state.sessionId ? pruneErrors(state.reviewErrors, s.changes) : {},
        config: s.config,
        usage: s.usage,
        reviews: s.reviews ?? [],
        queued: s.queued ?? [],
        // cards load their subagent's items again when shown
        agents: {},
      };
    }
    case 'item/started':
    case 'item/completed':
      return putItem(state, action.params.item, action.type === 'item/completed', action.type === 'item/completed' && action.params.streamed);
    case 'item/updated':
      return appendDelta(state, action.params);
    case 'subagent/updated':
      // a card's new state (cards are started by item/started first)
      return state.index.has(action.params.item.id) ? upsert(state, action.params.item) : state;
    case 'turn/started':
      return { ...trimOldest(state), running: true, turnId: action.params.turnId };
    case 'turn/completed':
    case 'turn/failed':
      if (state.turnId && state.turnId !== action.params.turnId) return state; // a stale turn
      return { ...state, running: false, turnId: undefined };
    case 'usage/updated':
      return { ...state, usage: { contextTokens: action.params.contextTokens, contextWindow: action.params.contextWindow } };
    case 'approval/requested': {
      const a = action.params;
      const rest = state.approvals.filter((x) => x.requestId !== a.requestId);
      return { ...state, approvals: [...rest, a] };
    }
    case 'approval/resolved': {
      const approvals = state.approvals.filter((x) => x.requestId !== action.params.requestId);
      return approvals.length === state.approvals.length ? state : { ...state, approvals };
    }
    case 'changes/updated':
      return { ...state, changes: action.params.changes, reviewErrors: pruneErrors(state.reviewErrors, action.params.changes) };
    case 'sessions/updated':
      return { ...state, sessions: action.params.sessions };
    case 'session/updated': {
      const { sessionId, title } = action.params;
      if (state.sessionId !== undefined && state.sessionId !== sessionId) return state; // another session's
      const sessions = state.sessions?.map((s) => (s.id === sessionId && s.title !== title ? { ...s, title } : s));
      return { ...state, sessionId, title, ...(sessions ? { sessions } : {}) };
    }
    case 'config/updated':
      return { ...state, config: action.params };
    case 'review/updated':
      return { ...state, reviews: action.params.reviews };
    case 'queue/updated':
      return { ...state, queued: action.params.messages };
    case 'composer/fill':
      return { ...state, fill: { seq: (state.fill?.seq ?? 0) + 1, ...action.params } };
    case 'panel/show':
      return { ...state, panelRequest: { seq: (state.panelRequest?.seq ?? 0) + 1, ...action.params } };
    default:
      return state;
  }
}

/** True when the host speaks a protocol this bundle was not built for. */
export function protocolMismatch(state: ChatState): boolean {
  return state.hostProtocolVersion !== undefined && state.hostProtocolVersion !== PROTOCOL_VERSION;
}

/** Drops errors of files no longer staged; the same object when nothing was dropped. */
function pruneErrors(errors: Readonly<Record<string, string>>, changes: ChangedFileSummary[]): Readonly<Record<string, string>> {
  const keys = Object.keys(errors);
  if (keys.length === 0) return errors;
  const staged = new Set(changes.map((c) => c.path));
  const kept = keys.filter((k) => staged.has(k));
  if (kept.length === keys.length) return errors;
  return Object.fromEntries(kept.map((k) => [k, errors[k]]));
}
