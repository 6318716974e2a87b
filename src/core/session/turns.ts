// Turns of a session as the user refers to them: "turn N" (1-based, in the order the
// turns started) and a label naming a turn by its message, for the sentences the agent
// is told when the user undoes or reverts a turn.
import type { Item } from '../types/items';
import type { SessionRecord } from './records';

/** Turn ids in the order they started (the session log's turn_started records). */
export function turnIdsOf(records: readonly SessionRecord[]): string[] {
  const ids: string[] = [];
  for (const r of records) if (r.t === 'turn_started' && !ids.includes(r.turnId)) ids.push(r.turnId);
  return ids;
}

/** 'the turn "Rename add to sum"' (its first user message, shortened), or 'turn <id>'. */
export function turnLabel(items: readonly Item[], turnId: string): string {
  const first = items.find((i) => i.turnId === turnId && i.type === 'user_message');
  if (!first || first.type !== 'user_message') return `turn ${turnId}`;
  const text = first.text.replace(/\s+/g, ' ').trim();
  return `the turn "${text.length > 60 ? `${text.slice(0, 59)}…` : text}"`;
}
