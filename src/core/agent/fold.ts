// run(): folds the event stream of one turn into a TurnResult. Items keep the order in
// which they started and the state they completed with. A stream that goes on with
// queued turns (Agent.runStreamed) folds into the result of its last turn.
import type { SessionEvent, Usage } from '../types/events';
import type { Item } from '../types/items';
import type { TurnResult } from './types';
import { EMPTY_USAGE } from './modelRound';

export async function foldTurn(events: AsyncIterable<SessionEvent>): Promise<TurnResult> {
  const order: string[] = [];
  const byId = new Map<string, Item>();
  let turnId = '';
  let usage: Usage = { ...EMPTY_USAGE };
  let status: TurnResult['status'] = 'failed';
  let error: string | undefined = 'The turn ended without a result.';
  for await (const e of events) {
    if ('agentId' in e && e.agentId) continue; // a subagent's event: its card is the parent's item
    switch (e.type) {
      case 'turn/started':
        if (turnId !== '') {
          // a queued turn follows: the result is the last turn's
          order.length = 0;
          byId.clear();
        }
        turnId = e.turnId;
        break;
      case 'item/started':
      case 'item/completed':
        if (!byId.has(e.item.id)) order.push(e.item.id);
        byId.set(e.item.id, e.item);
        break;
      case 'turn/completed':
        usage = e.usage;
        status = e.aborted ? 'aborted' : 'completed';
        error = undefined;
        break;
      case 'turn/failed':
        status = 'failed';
        error = e.error.message;
        break;
      default:
        break;
    }
  }
  // discarded partial text (a retried request) completes empty: not part of the result
  const items = order.map((id) => byId.get(id) as Item).filter((i) => !((i.type === 'agent_message' || i.type === 'reasoning') && i.text === ''));
  const last = [...items].reverse().find((i) => i.type === 'agent_message');
  return { turnId, items, finalResponse: last && last.type === 'agent_message' ? last.text : '', usage, status, ...(error ? { error } : {}) };
}
