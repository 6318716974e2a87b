// The one "apply an update to an item" function, shared by the core (which keeps its
// items current as deltas stream), the host (which tracks what the webview holds) and
// the webview (which renders them). It lives in the protocol folder because that is the
// one place all three may import: it has no runtime imports (only core types), so it
// adds nothing but itself to any bundle. Pure; never mutates its arguments.
import type { Item, ItemDelta } from '../core/index';


/**
 * The text an item streams into (agent_message / reasoning: `text`; command_execution /
 * tool_call: `output`), or undefined for items that do not stream.
 */
export function streamedText(item: Item): string | undefined {
  switch (item.type) {
    case 'agent_message':
    case 'reasoning':
      return item.text;
    case 'command_execution':
      return item.output;
    case 'tool_call':
      return item.output ?? '';
    default:
      return undefined;
  }
}

/** `item` with its streamed field replaced by `text` (items that do not stream: unchanged). */
export function withStreamedText(item: Item, text: string): Item {
  switch (item.type) {
    case 'agent_message':
    case 'reasoning':
      return { ...item, text };
    case 'command_execution':
    case 'tool_call':
      return { ...item, output: text };
    default:
      return item;
  }
}

/**
 * The item after an `item/updated` delta: its text appended to the streamed field. Only
 * the text matters: which field it extends follows from the item's type (the wire
 * carries the text alone). Undefined when the item does not stream.
 */
export function applyItemUpdate(item: Item, delta: Pick<ItemDelta, 'text'>): Item | undefined {
  const before = streamedText(item);
  return before === undefined ? undefined : withStreamedText(item, before + delta.text);
}
