// Command-line parsing for `tandem`. Pure: returns a Command or throws UsageError with a
// one-line reason (the caller prints it and exits 2).
import { APPROVAL_POLICIES, checkAllowPattern, DEFAULT_APPROVAL_POLICY, DEFAULT_MAX_AGENTS, DEFAULT_MAX_RETRIES, DEFAULT_MIN_CONFIDENCE, DEFAULT_MODEL, type ApprovalPolicy } from '../core/index';
import { EFFORTS, UsageError, WIRES, modelOptions, oneOf, parse, parseContextWindow, parseMaxRetries, type ModelFlags } from './argsCommon';
import { HOOKS, REVIEW_FORMATS, VERIFY_MODES, parseReview, type ReviewCommand } from './reviewArgs';

export { UsageError, parseMaxRetries, type ModelFlags } from './argsCommon';

/** MCP servers: extra configuration files, and tools allowed without asking. */
export interface McpFlags {
  /** --mcp-config FILE (repeatable), read after ~/.tandem/mcp.json. */
  mcpConfig: string[];
  /** --allow-mcp SERVER or SERVER/TOOL (repeatable). */
  allowMcp: string[];
}

export interface RunFlags extends ModelFlags, McpFlags {
  cwd?: string;
  approval?: ApprovalPolicy;
  sandbox: 'auto' | 'on' | 'off';
  json: boolean;
  apply: boolean;
  /** Protected paths confirmed one by one for --apply (--apply-protected PATH, repeatable). */
  applyProtected: string[];
  /** Variables commands inherit beyond the ordinary ones (--env NAME, repeatable). */
  env?: string[];
  /** Per-command caps on staging what a sandboxed command wrote. */
  importLimits?: { maxFiles?: number; maxBytes?: number };
  /** --image FILE (repeatable): images sent with the message. */
  images: string[];
  /** Subagents working at once (--max-agents; 0 turns them off). */
  maxAgents?: number;
  /** --max-rounds: cap on model requests in the turn (default: none). */
  maxRounds?: number;
  /** --max-turn-tokens: token budget of the turn (default: none). */
  maxTurnTokens?: number;
}

/** `tandem mcp` and `tandem skills`: look at what a session would get, without a model. */
export interface InspectFlags {
  cwd?: string;
  mcpConfig: string[];
  json: boolean;
}

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'exec'; task: string; flags: RunFlags }
  | { kind: 'resume'; id: string; task: string; flags: RunFlags }
  | ReviewCommand
  | { kind: 'sessions'; json: boolean }
  | { kind: 'apply'; id: string; json: boolean; applyProtected: string[] }
  | { kind: 'discard'; id: string; json: boolean }
  | { kind: 'undo'; id: string; turn?: number; revert: boolean; json: boolean }
  | { kind: 'mcp'; flags: InspectFlags }
  | { kind: 'skills'; flags: InspectFlags };

// The values each enumerated flag accepts; the help lists them from here so it cannot drift.
const SANDBOX_MODES = ['auto', 'on', 'off'] as const;
/** The most --max-agents accepts (each child is a model stream and maybe a sandbox). */
const MAX_AGENTS_FLAG = 16;

/** Option lines: the flag (with its argument or values) and what it does, in two columns. */
function optionLines(rows: [string, string][]): string {
  return rows.map(([flag, what]) => `  ${flag.padEnd(33)} ${what}`).join('\n');
}

const choices = (flag: string, values: readonly string[]) => `--${flag} ${values.join('|')}`;

export const HELP = `tandem: a coding agent whose edits are staged for your review

Usage:
  tandem exec [options] "task"      run one task; the final message goes to stdout
  tandem resume ID [options] "more"  continue a saved session
  tandem review [--base BRANCH | --commit SHA | --staged] [--format F]
                                     review uncommitted changes, a branch, a commit or the index
  tandem sessions [--json]           list saved sessions
  tandem apply ID [--json] [--apply-protected PATH]...
                                     apply a session's staged changes to your files
  tandem discard ID [--json]         drop a session's staged changes
  tandem undo ID [--json] [--turn N] [--revert]
                                     put a session's staged changes back to how they
                                     were before turn N (default: the last turn)
  tandem mcp [--cwd DIR] [--mcp-config FILE] [--json]
                                     start the MCP servers; list their state and tools
  tandem skills [--cwd DIR] [--json] list the skills and custom prompts a session gets
  tandem --help | --version

Options (exec, resume):
${optionLines([
  ['--cwd DIR', "workspace folder (default: the current directory, or the session's)"],
  ['--model M', `model name (default: ${DEFAULT_MODEL})`],
  ['--base-url URL', 'OpenAI-compatible server (default: OPENAI_BASE_URL, else OpenAI)'],
  [choices('wire', WIRES), 'wire API (default: responses for OpenAI, chat otherwise)'],
  [choices('effort', EFFORTS), 'reasoning effort, for models that support it'],
  ['--approval POLICY', APPROVAL_POLICIES.map((p) => (p === DEFAULT_APPROVAL_POLICY ? `${p} (default)` : p)).join(' | ')],
  [choices('sandbox', SANDBOX_MODES), 'run commands in the sandbox (default: auto, when available)'],
  ['--context-window N', "the model's context window in tokens (at least 1000)"],
  ['--max-retries N', `retries of a failed model request, 0-20 (default ${DEFAULT_MAX_RETRIES}; TANDEM_MAX_RETRIES)`],
  ['--max-rounds N', 'stop a turn after N model requests (default: no cap; a stuck loop stops anyway)'],
  ['--max-turn-tokens N', 'stop a turn once it has used N tokens (default: no budget)'],
  ['--max-agents N', `subagents working at once, 0-${MAX_AGENTS_FLAG} (default ${DEFAULT_MAX_AGENTS}; 0: none)`],
  ['--json', 'print JSONL events on stdout instead of progress'],
  ['--apply', 'apply the staged changes when the task succeeds'],
  ['--apply-protected PATH', 'with --apply (or tandem apply): also apply this protected change (.vscode/, AGENTS.md, .envrc...); repeat per path'],
  ['--env NAME', 'let commands inherit NAME (or NAME_* prefixes) beyond PATH, HOME, locale and toolchain variables; repeat per name'],
  ['--max-import-files N', 'files one sandboxed command may write before asking (10000)'],
  ['--max-import-mb N', 'megabytes one sandboxed command may write before asking (100)'],
  ['--image FILE', 'send an image with the message (PNG, JPEG, GIF, WebP; repeatable); a large one is downscaled'],
  ['--mcp-config FILE', 'MCP servers ({ "mcpServers": ... }), besides ~/.tandem/mcp.json'],
  ['--allow-mcp SERVER[/TOOL]', "run that MCP server's tools (or that one tool) without asking"],
])}

A task may be a slash command: /init drafts an AGENTS.md (staged), /NAME runs the
custom prompt ~/.tandem/prompts/NAME.md or .tandem/prompts/NAME.md ($ARGUMENTS: the
rest of the line); \`tandem resume ID "/compact [focus]"\` compacts that session.

Options (review; also --cwd and the model options above):
${optionLines([
  ['--base BRANCH', 'review the current branch against BRANCH (its merge base)'],
  ['--commit SHA', 'review one commit'],
  ['--staged', 'review what is staged in git (git add) against HEAD'],
  [choices('format', REVIEW_FORMATS), 'output (default text; --json = --format json)'],
  ['--sarif-file FILE', 'also write SARIF 2.1.0 to FILE'],
  ['--min-priority P0..P3', 'findings that fail the review and are annotated (default P1)'],
  ['--min-confidence 0..1', `drop findings below this confidence (default ${DEFAULT_MIN_CONFIDENCE})`],
  [choices('verify', VERIFY_MODES), 'a second pass drops findings it cannot confirm (default auto: when a large diff was reviewed in parts)'],
  [choices('install-hook', HOOKS), 'install a git hook that runs the review'],
  [choices('uninstall-hook', HOOKS), 'remove it'],
])}
  (none of --base, --commit, --staged: the uncommitted changes, untracked files included)
  Exit code: 0 passed (nothing at or above the thresholds, verdict "looks good"),
  1 findings at or above the thresholds or verdict "needs changes", 2 not reviewed.

Options (undo):
${optionLines([
  ['--turn N', 'the turn to undo (1 = the first; default: the last)'],
  ['--revert', "also write back, three-way, what applying that turn's (and later turns') changes did to your files: your later edits are kept, or reported as a conflict"],
  ['--json', 'print the result as one JSON object'],
])}

Without --apply, changes stay staged in the saved session: review the printed diff,
then run \`tandem apply ID\` or \`tandem discard ID\`. Protected changes are never applied
in bulk: each needs --apply-protected PATH, the others are listed as left staged.
Commands that need approval ask
on the terminal; with no terminal no one is asked and they are refused. So are MCP tool
calls (unless --allow-mcp) and MCP servers a repository declares in .tandem/mcp.json.

Environment: OPENAI_API_KEY, OPENAI_BASE_URL, TANDEM_HOME (default ~/.tandem: sessions
and the global AGENTS.md), TANDEM_MAX_RETRIES. See docs/CLI.md.`;

const runOptions = {
  ...modelOptions,
  'max-rounds': { type: 'string' },
  'max-turn-tokens': { type: 'string' },
  approval: { type: 'string' },
  sandbox: { type: 'string' },
  apply: { type: 'boolean' },
  'apply-protected': { type: 'string', multiple: true },
  env: { type: 'string', multiple: true },
  'max-import-files': { type: 'string' },
  'max-import-mb': { type: 'string' },
  image: { type: 'string', multiple: true },
  'mcp-config': { type: 'string', multiple: true },
  'allow-mcp': { type: 'string', multiple: true },
  'max-agents': { type: 'string' },
} as const;

const inspectOptions = {
  cwd: { type: 'string' },
  'mcp-config': { type: 'string', multiple: true },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const jsonOptions = { json: { type: 'boolean' } } as const;
const applyOptions = { ...jsonOptions, 'apply-protected': { type: 'string', multiple: true } } as const;

function parseRun(argv: string[], positionals: number, name: string): { positionals: string[]; flags: RunFlags; help: boolean } {
  const parsed = parse({ args: argv, options: runOptions, allowPositionals: true, strict: true });
  const v = parsed.values;
  if (v.help) return { positionals: [], flags: { sandbox: 'auto', json: false, apply: false, applyProtected: [], mcpConfig: [], allowMcp: [], images: [] }, help: true };
  if (parsed.positionals.length !== positionals) {
    const what = name === 'exec' ? 'a task: tandem exec "task"' : 'a session id and a message: tandem resume ID "message"';
    throw new UsageError(`${name} needs ${what}.`);
  }
  const contextWindow = parseContextWindow(v['context-window']);
  const maxRetries = parseMaxRetries(v['max-retries'], '--max-retries');
  if (parsed.positionals.some((p) => p.trim() === '')) throw new UsageError('The task is empty.');
  const applyProtected = protectedPaths(v['apply-protected']);
  if (applyProtected.length && !v.apply) throw new UsageError('--apply-protected goes with --apply.');
  for (const pattern of v['allow-mcp'] ?? []) {
    const problem = checkAllowPattern(pattern);
    if (problem) throw new UsageError(`--allow-mcp ${problem}.`);
  }
  return {
    positionals: parsed.positionals,
    help: false,
    flags: {
      cwd: v.cwd,
      model: v.model,
      baseUrl: v['base-url'],
      wire: oneOf('wire', v.wire, WIRES),
      effort: oneOf('effort', v.effort, EFFORTS),
      approval: oneOf('approval', v.approval, APPROVAL_POLICIES),
      sandbox: oneOf('sandbox', v.sandbox, SANDBOX_MODES) ?? 'auto',
      contextWindow,
      maxRetries,
      json: v.json ?? false,
      apply: v.apply ?? false,
      maxAgents: parseMaxAgents(v['max-agents']),
      applyProtected,
      images: v.image ?? [],
      mcpConfig: v['mcp-config'] ?? [],
      allowMcp: v['allow-mcp'] ?? [],
      ...(v.env ? { env: envNames(v.env) } : {}),
      importLimits: {
        maxFiles: positiveInt(v['max-import-files'], '--max-import-files'),
        maxBytes: mbToBytes(positiveInt(v['max-import-mb'], '--max-import-mb')),
      },
      maxRounds: positiveInt(v['max-rounds'], '--max-rounds'),
      maxTurnTokens: positiveInt(v['max-turn-tokens'], '--max-turn-tokens'),
    },
  };
}

function parseMaxAgents(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > MAX_AGENTS_FLAG) throw new UsageError(`--max-agents must be a whole number from 0 to ${MAX_AGENTS_FLAG} (got "${value}").`);
  return n;
}

function parseInspect(argv: string[], kind: 'mcp' | 'skills'): Command {
  const parsed = parse({ args: argv, options: inspectOptions, allowPositionals: true, strict: true });
  const v = parsed.values;
  if (v.help) return { kind: 'help' };
  if (parsed.positionals.length > 0) throw new UsageError(`${kind} takes no arguments (got "${parsed.positionals[0]}").`);
  if (kind === 'skills' && v['mcp-config']) throw new UsageError('--mcp-config is for tandem mcp, exec and resume.');
  return { kind, flags: { cwd: v.cwd, mcpConfig: v['mcp-config'] ?? [], json: v.json ?? false } };
}

function envNames(values: string[]): string[] {
  for (const v of values) if (!/^[A-Za-z_][A-Za-z0-9_]*\*?$/.test(v)) throw new UsageError(`--env takes a variable name or NAME_* prefix (got "${v}").`);
  return values;
}

function positiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a whole number of at least 1 (got "${value}").`);
  return n;
}

function mbToBytes(mb: number | undefined): number | undefined {
  return mb === undefined ? undefined : mb * 1024 * 1024;
}

function protectedPaths(values: string[] | undefined): string[] {
  const out = values ?? [];
  if (out.some((p) => p.trim() === '')) throw new UsageError('--apply-protected needs a path.');
  return out;
}

function parseUndo(argv: string[]): Command {
  const parsed = parse({ args: argv, options: { ...jsonOptions, turn: { type: 'string' }, revert: { type: 'boolean' } }, allowPositionals: true, strict: true });
  if (parsed.positionals.length !== 1) throw new UsageError('undo needs a session id: tandem undo ID [--turn N] (see tandem sessions).');
  const v = parsed.values;
  let turn: number | undefined;
  if (v.turn !== undefined) {
    turn = Number(v.turn);
    if (!Number.isInteger(turn) || turn < 1) throw new UsageError(`--turn must be a turn number, 1 or more (got "${v.turn}").`);
  }
  return { kind: 'undo', id: parsed.positionals[0], ...(turn !== undefined ? { turn } : {}), revert: v.revert ?? false, json: v.json ?? false };
}

function parseIdCommand(argv: string[], name: string): { id: string; json: boolean } {
  const parsed = parse({ args: argv, options: jsonOptions, allowPositionals: true, strict: true });
  if (parsed.positionals.length !== 1) throw new UsageError(`${name} needs a session id: tandem ${name} ID (see tandem sessions).`);
  return { id: parsed.positionals[0], json: parsed.values.json ?? false };
}

export function parseCommand(argv: string[]): Command {
  const [first, ...rest] = argv;
  switch (first) {
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      return { kind: 'help' };
    case '--version':
    case '-V':
      return { kind: 'version' };
    case 'exec': {
      const r = parseRun(rest, 1, 'exec');
      return r.help ? { kind: 'help' } : { kind: 'exec', task: r.positionals[0], flags: r.flags };
    }
    case 'resume': {
      const r = parseRun(rest, 2, 'resume');
      return r.help ? { kind: 'help' } : { kind: 'resume', id: r.positionals[0], task: r.positionals[1], flags: r.flags };
    }
    case 'review':
      return parseReview(rest);
    case 'sessions':
      return { kind: 'sessions', json: parse({ args: rest, options: jsonOptions, allowPositionals: false, strict: true }).values.json ?? false };
    case 'apply': {
      const parsed = parse({ args: rest, options: applyOptions, allowPositionals: true, strict: true });
      if (parsed.positionals.length !== 1) throw new UsageError('apply needs a session id: tandem apply ID (see tandem sessions).');
      return { kind: 'apply', id: parsed.positionals[0], json: parsed.values.json ?? false, applyProtected: protectedPaths(parsed.values['apply-protected']) };
    }
    case 'discard':
      return { kind: 'discard', ...parseIdCommand(rest, 'discard') };
    case 'undo':
      return parseUndo(rest);
    case 'mcp':
    case 'skills':
      return parseInspect(rest, first);
    default:
      throw new UsageError(`Unknown command "${first}". Run tandem --help.`);
  }
}
