// The composer's `/` and `$` completion, as pure functions (unit-tested):
// - `/name` at the very start of the draft completes a slash command (built-in commands
//   and custom prompts, from the host's commands/list);
// - `$name` at the start or after whitespace completes a skill (picking one attaches it);
// - Send decides whether the draft is a command (`/name …` with a known name) or a
//   message (`/usr/bin is missing` is a message: no command has that name).
import type { SkillSummary, SlashCommand } from '../../../src/protocol';

export interface ActiveCompletion {
  kind: 'command' | 'skill';
  /** Index of the `/` or `$`. */
  start: number;
  /** What was typed after it, up to the caret. */
  query: string;
}

const SKILL_CHARS = /^[a-z0-9_-]*$/i;

/** The completion the caret is in, if any. */
export function activeCompletion(text: string, caret: number): ActiveCompletion | undefined {
  const before = text.slice(0, caret);
  const slash = /^(\s*)\/(\S*)$/.exec(before);
  if (slash) return { kind: 'command', start: slash[1].length, query: slash[2] };
  const at = before.lastIndexOf('$');
  if (at === -1 || (at > 0 && !/\s/.test(before[at - 1]))) return undefined; // "a$b", "$$": not a skill
  const query = before.slice(at + 1);
  return SKILL_CHARS.test(query) ? { kind: 'skill', start: at, query } : undefined;
}

/** Names that start with the query first, then names that contain it; each group in the host's order. */
function rank<T>(items: readonly T[], name: (t: T) => string, query: string): T[] {
  const q = query.toLowerCase();
  const starts: T[] = [];
  const contains: T[] = [];
  for (const item of items) {
    const n = name(item).toLowerCase();
    if (n.startsWith(q)) starts.push(item);
    else if (q && n.includes(q)) contains.push(item);
  }
  return [...starts, ...contains];
}

export function matchCommands(commands: readonly SlashCommand[], query: string): SlashCommand[] {
  return rank(commands, (c) => c.name, query);
}

export function matchSkills(skills: readonly SkillSummary[], query: string): SkillSummary[] {
  return rank(skills, (s) => s.name, query);
}

/** Replaces the token at the caret with `<sigil><name> ` (the rest of a word being edited goes). */
export function complete(text: string, caret: number, active: ActiveCompletion, name: string): { text: string; caret: number } {
  const insert = `${active.kind === 'command' ? '/' : '$'}${name} `;
  const after = text.slice(caret).replace(/^\S*/, '').replace(/^ /, '');
  return { text: text.slice(0, active.start) + insert + after, caret: active.start + insert.length };
}

/** The command a draft runs, or undefined when it is an ordinary message. */
export function commandOf(text: string, commands: readonly SlashCommand[]): SlashCommand | undefined {
  const m = /^\s*\/([A-Za-z0-9][A-Za-z0-9_.-]*)(?:\s|$)/.exec(text);
  return m ? commands.find((c) => c.name === m[1]) : undefined;
}

/** True when the draft looks like `/name …`, so Send must know the commands before it decides. */
export function looksLikeCommand(text: string): boolean {
  return /^\s*\/[A-Za-z0-9]/.test(text);
}
