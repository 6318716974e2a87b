// run(): folds the event stream of one turn into a TurnResult. Items keep the order in
// which they started and the state they completed with. A stream that goes on with
// queued turns (Agent.runStreamed) folds into the result of its last turn. `items: false`
// keeps none of them (TurnResult.items is then empty): for a caller that only needs the
// outcome of a turn that may run for thousands of steps (the CLI prints events as they come).
import type { SessionEvent, Usage } from '../types/events';
import type { Item } from '../types/items';
import type { TurnResult } from './types';
import { EMPTY_USAGE } from './modelRound';
import { addUsage } from './turn';
import { isLogged } from './itemWindow';

export async function foldTurn(events: AsyncIterable<SessionEvent>, options: { items?: boolean } = {}): Promise<TurnResult> {
  const keep = options.items !== false;
  const order: string[] = [];
  const byId = new Map<string, Item>();
  let finalResponse = '';
  let turnId = '';
  let usage: Usage = { ...EMPTY_USAGE };
  let streamed: Usage = { ...EMPTY_USAGE };
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
          finalResponse = '';
          streamed = { ...EMPTY_USAGE };
        }
        turnId = e.turnId;
        break;
      case 'item/started':
      case 'item/completed':
        if (e.type === 'item/completed' && e.item.type === 'agent_message' && e.item.text !== '') finalResponse = e.item.text;
        if (!keep) break;
        if (!byId.has(e.item.id)) order.push(e.item.id);
        byId.set(e.item.id, e.item);
        break;
      case 'turn/completed':
        usage = e.usage;
        status = e.aborted ? 'aborted' : 'completed';
        error = undefined;
        break;
      case 'usage/updated':
        streamed = addUsage(streamed, e.usage);
        break;
      case 'turn/failed':
        // a failed turn reports no total: what its requests reported (a limit, a stuck
        // loop, a 500 after some rounds still cost tokens; a subagent's count in its parent's)
        usage = streamed;
        status = 'failed';
        error = e.error.message;
        break;
      default:
        break;
    }
  }
  // discarded partial text (a retried request) completes empty: not part of the result
  const items = order.map((id) => byId.get(id) as Item).filter(isLogged);
  if (keep) {
    const last = [...items].reverse().find((i) => i.type === 'agent_message');
    finalResponse = last && last.type === 'agent_message' ? last.text : '';
  }
  return { turnId, items, finalResponse, usage, status, ...(error ? { error } : {}) };
}
