// Slash commands: the built-in ones (their names and descriptions, for the composer's
// `/` completion) and the user's custom prompts, and what a message starting with one
// means. The core carries out what needs no UI: `/compact [focus]` (Agent.compact) and
// `/init` (a turn with INIT_PROMPT: the AGENTS.md it drafts is staged like any edit);
// a custom prompt becomes the message to send. The rest (/new, /review, /skills, /mcp,
// /model, /effort) is the host's or the CLI's to do.
//
// A message that starts with "/" but names no command is an ordinary message (it may be a
// path: "/usr/bin is missing").
import { discoverPrompts, expandPrompt, type CustomPrompt, type PromptRoots } from './prompts';

export type BuiltinCommandName = 'new' | 'compact' | 'review' | 'skills' | 'mcp' | 'model' | 'effort' | 'init';

export interface SlashCommand {
  /** Without the "/". */
  name: string;
  description: string;
  /** Shown after the name in completion, e.g. "[focus]". */
  argumentHint?: string;
  kind: 'builtin' | 'prompt';
  /** Custom prompts: the file. */
  path?: string;
}

export const BUILTIN_COMMANDS: readonly (SlashCommand & { name: BuiltinCommandName })[] = [
  { name: 'new', description: 'Start a new session.', kind: 'builtin' },
  { name: 'compact', argumentHint: '[focus]', description: 'Compact the conversation now; optionally say what the summary must keep.', kind: 'builtin' },
  { name: 'review', description: 'Review the current changes: uncommitted, a branch or a commit.', kind: 'builtin' },
  { name: 'skills', description: 'List the skills this session can use ($name attaches one).', kind: 'builtin' },
  { name: 'mcp', description: 'Show the MCP servers, their state and tools.', kind: 'builtin' },
  { name: 'model', argumentHint: '[name]', description: 'Choose the model.', kind: 'builtin' },
  { name: 'effort', argumentHint: '[minimal|low|medium|high]', description: 'Set the reasoning effort.', kind: 'builtin' },
  { name: 'init', description: 'Draft an AGENTS.md for this repository (staged for your review).', kind: 'builtin' },
];

const BUILTIN_NAMES = BUILTIN_COMMANDS.map((c) => c.name);

export const INIT_PROMPT = `Draft an AGENTS.md for this repository: the instructions a coding agent (you, in later sessions) needs to work here well.

First look around: the README and any existing AGENTS.md, CLAUDE.md, .github/copilot-instructions.md or .cursorrules; the build, test and lint commands (package scripts, Makefile, CI configuration); the layout of the source folders; the conventions you can see in the code (language level, formatting, naming, test style).

Then write AGENTS.md at the repository root with apply_patch (update the existing one instead if there is one). Keep it short (at most about 150 lines) and concrete, with sections such as: Project overview; Build, test and lint (exact commands); Code layout; Conventions; Things to avoid. Write only what you verified in the repository; do not invent commands. The file is staged for the user's review like any edit. Finish with a two-line summary of what you wrote.`;

/** `/name rest` as its parts; undefined when the text is not shaped like a command. */
export function parseSlashCommand(text: string): { name: string; args: string } | undefined {
  const m = /^\/([A-Za-z0-9][A-Za-z0-9_.-]*)(?:[ \t]+([\s\S]*))?$/.exec(text.trim());
  return m ? { name: m[1], args: (m[2] ?? '').trim() } : undefined;
}

export type SlashResolution =
  /** A built-in command. `message`: for /init, the turn to run. */
  | { type: 'builtin'; name: BuiltinCommandName; args: string; message?: string }
  /** A custom prompt: send `message` as the user's message. */
  | { type: 'prompt'; name: string; path: string; message: string };

/** What `text` asks for, or undefined when it is an ordinary message. */
export function resolveSlashCommand(text: string, prompts: readonly CustomPrompt[]): SlashResolution | undefined {
  const parsed = parseSlashCommand(text);
  if (!parsed) return undefined;
  const builtin = BUILTIN_COMMANDS.find((c) => c.name === parsed.name);
  if (builtin) {
    const name = builtin.name;
    if (name === 'init') return { type: 'builtin', name, args: parsed.args, message: parsed.args ? `${INIT_PROMPT}\n\nThe user adds: ${parsed.args}` : INIT_PROMPT };
    return { type: 'builtin', name, args: parsed.args };
  }
  const prompt = prompts.find((p) => p.name === parsed.name);
  if (prompt) return { type: 'prompt', name: prompt.name, path: prompt.path, message: expandPrompt(prompt, parsed.args) };
  return undefined;
}

/** Built-in commands, then custom prompts, for completion. */
export function listSlashCommands(prompts: readonly CustomPrompt[]): SlashCommand[] {
  return [
    ...BUILTIN_COMMANDS.map((c) => ({ ...c })),
    ...prompts.map((p) => ({
      name: p.name,
      description: p.description ?? `Custom prompt (${p.scope === 'repo' ? 'this repository' : 'yours'})`,
      ...(p.argumentHint ? { argumentHint: p.argumentHint } : {}),
      kind: 'prompt' as const,
      path: p.path,
    })),
  ];
}

/** The custom prompts (and problems) with the built-in names reserved; for hosts and the CLI. */
export function loadCustomPrompts(roots: PromptRoots): ReturnType<typeof discoverPrompts> {
  return discoverPrompts(roots, BUILTIN_NAMES);
}
