// A task that is a slash command: `/init` and custom prompts become the turn's message;
// `/compact [focus]` compacts a resumed session; `/skills` and `/mcp` run those commands;
// the rest names the flag or command that does the same in the CLI. Any other text is
// the task as typed.
import { loadCustomPrompts, resolveSlashCommand } from '../core/index';
import type { RunFlags } from './args';
import { UsageError } from './args';
import { mcpCommand } from './mcp';
import { commandRoots, skillsCommand } from './skills';
import type { Out } from './render';

export type TaskPlan =
  /** Run a turn with this message. */
  | { kind: 'turn'; message: string }
  /** Compact the resumed session. */
  | { kind: 'compact'; focus: string }
  /** Already done (another command ran): exit with this code. */
  | { kind: 'done'; code: number };

const ELSEWHERE: Record<string, string> = {
  new: 'every `tandem exec` starts a new session',
  review: 'use `tandem review`',
  model: 'use --model NAME',
  effort: 'use --effort LEVEL',
};

export async function planTask(task: string, flags: RunFlags, cwd: string, resuming: boolean, out: Out): Promise<TaskPlan> {
  if (!task.trimStart().startsWith('/')) return { kind: 'turn', message: task };
  const roots = await commandRoots(cwd);
  const resolved = resolveSlashCommand(task, (await loadCustomPrompts(roots)).prompts);
  if (!resolved) return { kind: 'turn', message: task };
  if (resolved.type === 'prompt') return { kind: 'turn', message: resolved.message };
  switch (resolved.name) {
    case 'init':
      return { kind: 'turn', message: resolved.message! };
    case 'compact':
      if (!resuming) throw new UsageError('/compact works on a saved session: tandem resume ID "/compact [focus]".');
      return { kind: 'compact', focus: resolved.args };
    case 'skills':
      return { kind: 'done', code: await skillsCommand({ cwd, mcpConfig: [], json: flags.json }, out) };
    case 'mcp':
      return { kind: 'done', code: await mcpCommand({ cwd, mcpConfig: flags.mcpConfig, json: flags.json }, out) };
    default:
      throw new UsageError(`/${resolved.name} is for the editor; in the CLI ${ELSEWHERE[resolved.name]}.`);
  }
}
