// item/completed without re-sending streamed text.
// Contract: the webview's copy of a streamed item is exactly what item/started, the
// snapshot and the posted item/delta notifications gave it: the host model's text minus
// the batcher's still-pending tail (a snapshot clears that tail and carries it). When the
// completed text extends what the webview holds, only the rest is sent (`streamed: true`,
// see NotificationMap['item/completed']); otherwise (a retried request's partial closed
// with empty text, a rewritten item) the item is sent whole and replaces the copy.
import type { NotificationMap } from '../../protocol/messages';
import type { Item } from '../../core/index';

type Streamable = Extract<Item, { type: 'agent_message' | 'reasoning' | 'command_execution' }>;

function streamedText(item: Item): string | undefined {
  if (item.type === 'agent_message' || item.type === 'reasoning') return item.text;
  if (item.type === 'command_execution') return item.output;
  return undefined;
}

function withStreamedText(item: Streamable, text: string): Streamable {
  return item.type === 'command_execution' ? { ...item, output: text } : { ...item, text };
}

/**
 * The item/completed params for `item`, given the host's copy before completion
 * (`previous`, including the pending `tail` the caller took from the batcher).
 */
export function completionParams(previous: Item | undefined, item: Item, tail: string): NotificationMap['item/completed'] {
  const whole = { item: item as Item };
  if (!previous || previous.type !== item.type) return whole;
  const before = streamedText(previous);
  const after = streamedText(item);
  if (before === undefined || after === undefined || !before.endsWith(tail)) return whole;
  const held = before.slice(0, before.length - tail.length); // what the webview has
  if (held === '' || !after.startsWith(held)) return whole;
  return { item: withStreamedText(item as Streamable, after.slice(held.length)) as Item, streamed: true };
}
