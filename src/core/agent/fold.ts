// run(): folds the event stream of one turn into a TurnResult. Items keep the order in
// which they started and the state they completed with. `items: false` keeps none of
// them (TurnResult.items is then empty): for a caller that only needs the outcome of a
// turn that may run for thousands of steps (the CLI prints events as they come).
import type { SessionEvent, Usage } from '../types/events';
import type { Item } from '../types/items';
import type { TurnResult } from './types';
import { EMPTY_USAGE } from './modelRound';
import { isLogged } from './itemWindow';

export async function foldTurn(events: AsyncIterable<SessionEvent>, options: { items?: boolean } = {}): Promise<TurnResult> {
  const keep = options.items !== false;
  const order: string[] = [];
  const byId = new Map<string, Item>();
  let finalResponse = '';
  let turnId = '';
  let usage: Usage = { ...EMPTY_USAGE };
  let status: TurnResult['status'] = 'failed';
  let error: string | undefined = 'The turn ended without a result.';
  for await (const e of events) {
    switch (e.type) {
      case 'turn/started':
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
      case 'turn/failed':
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
