// The one-line "what is it doing" shown on a subagent's card, from its own items.
import type { Item } from '../../types/items';

const clip = (s: string, max = 100) => {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
};

/** The activity line for an item that started or completed; undefined: keep the previous line. */
export function activityOf(item: Item, phase: 'started' | 'completed'): string | undefined {
  switch (item.type) {
    case 'command_execution':
      return phase === 'started' ? `$ ${clip(item.command)}` : undefined;
    case 'file_change':
      return phase === 'completed' && item.status === 'completed' ? `edited ${item.changes.map((c) => c.path).join(', ')}` : undefined;
    case 'tool_call': {
      if (phase !== 'started') return undefined;
      let arg = '';
      try {
        const parsed = JSON.parse(item.arguments) as Record<string, unknown>;
        const first = parsed.path ?? parsed.pattern ?? parsed.ids ?? parsed.id;
        arg = first === undefined ? '' : ` ${typeof first === 'string' ? first : JSON.stringify(first)}`;
      } catch {
        // arguments still streaming or not JSON: the name is enough
      }
      return clip(`${item.name}${arg}`);
    }
    case 'reasoning':
      return phase === 'started' ? 'thinking…' : undefined;
    case 'agent_message':
      return phase === 'completed' && item.text.trim() ? clip(item.text) : phase === 'started' ? 'writing…' : undefined;
    case 'error':
      return clip(item.message);
    case 'subagent':
      return phase === 'started' ? `started subagent ${item.agentId}` : undefined;
    case 'plan': {
      const step = item.steps.find((s) => s.status === 'in_progress');
      return step ? clip(step.step) : undefined;
    }
    default:
      return undefined;
  }
}
