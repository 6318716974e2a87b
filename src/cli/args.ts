// Command-line parsing for `tandem`. Pure: returns a Command or throws UsageError with a
// one-line reason (the caller prints it and exits 2).
import { parseArgs } from 'node:util';
import { errorLine } from './render';
import { APPROVAL_POLICIES, type ApprovalPolicy, type ReasoningEffort, type WireApi } from '../core/index';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Flags that choose and tune the model (exec, resume, review). */
export interface ModelFlags {
  model?: string;
  baseUrl?: string;
  wire?: WireApi;
  effort?: ReasoningEffort;
  contextWindow?: number;
  /** Model request retries (--max-retries, else TANDEM_MAX_RETRIES, else the model default). */
  maxRetries?: number;
}

export interface RunFlags extends ModelFlags {
  cwd?: string;
  approval?: ApprovalPolicy;
  sandbox: 'auto' | 'on' | 'off';
  json: boolean;
  apply: boolean;
  /** --max-rounds: cap on model requests in the turn (default: none). */
  maxRounds?: number;
  /** --max-turn-tokens: token budget of the turn (default: none). */
  maxTurnTokens?: number;
}

export interface ReviewFlags extends ModelFlags {
  cwd?: string;
  /** --base BRANCH: the current branch against BRANCH. */
  base?: string;
  /** --commit SHA: one commit. */
  commit?: string;
  json: boolean;
}

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'exec'; task: string; flags: RunFlags }
  | { kind: 'resume'; id: string; task: string; flags: RunFlags }
  | { kind: 'review'; flags: ReviewFlags }
  | { kind: 'sessions'; json: boolean }
  | { kind: 'apply'; id: string; json: boolean }
  | { kind: 'discard'; id: string; json: boolean };

export const HELP = `tandem: a coding agent whose edits are staged for your review

Usage:
  tandem exec [options] "task"      run one task; the final message goes to stdout
  tandem resume ID [options] "more"  continue a saved session
  tandem review [--base BRANCH | --commit SHA] [--json]
                                     review uncommitted changes, a branch or a commit
  tandem sessions                    list saved sessions
  tandem apply ID                    apply a session's staged changes to your files
  tandem discard ID                  drop a session's staged changes
  tandem --help | --version

Options (exec, resume):
  --cwd DIR                 workspace folder (default: the current directory)
  --model M                 model name (default: gpt-5.1-codex)
  --base-url URL            OpenAI-compatible server (default: OPENAI_BASE_URL, else OpenAI)
  --wire responses|chat     wire API (default: responses for OpenAI, chat otherwise)
  --effort low|medium|high  reasoning effort
  --approval POLICY         read-only | on-request (default) | untrusted | full-access
  --sandbox auto|on|off     run commands in the sandbox (default: auto, when available)
  --context-window N        the model's context window in tokens
  --max-retries N           retries of a failed model request (default 5; TANDEM_MAX_RETRIES)
  --max-rounds N            stop the turn after N model requests (default: no limit;
                            a loop of the same failing call or response stops anyway)
  --max-turn-tokens N       stop the turn once it has used N tokens (default: no budget)
  --json                    print JSONL events on stdout instead of progress
  --apply                   apply the staged changes when the task succeeds

Options (review; also --cwd and the model options above):
  --base BRANCH             review the current branch against BRANCH (its merge base)
  --commit SHA              review one commit
  --json                    print the result as one JSON object
  (neither: the uncommitted changes, untracked files included)
  Exit code: 0 no findings, 1 findings, 2 error.

Without --apply, changes stay staged in the saved session: review the printed diff,
then run \`tandem apply ID\` or \`tandem discard ID\`. Commands that need approval ask
on the terminal; with no terminal they are denied.

Environment: OPENAI_API_KEY, OPENAI_BASE_URL, TANDEM_HOME (default ~/.tandem: sessions
and the global AGENTS.md), TANDEM_MAX_RETRIES. See docs/CLI.md.`;

/** Flags every model-driven command takes (exec, resume, review). */
const modelOptions = {
  cwd: { type: 'string' },
  model: { type: 'string' },
  'base-url': { type: 'string' },
  wire: { type: 'string' },
  effort: { type: 'string' },
  'context-window': { type: 'string' },
  'max-retries': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const runOptions = {
  ...modelOptions,
  'max-rounds': { type: 'string' },
  'max-turn-tokens': { type: 'string' },
  approval: { type: 'string' },
  sandbox: { type: 'string' },
  apply: { type: 'boolean' },
} as const;

const reviewOptions = {
  ...modelOptions,
  base: { type: 'string' },
  commit: { type: 'string' },
} as const;

const jsonOptions = { json: { type: 'boolean' } } as const;

const WIRES = ['responses', 'chat'] as const;
const EFFORTS = ['minimal', 'low', 'medium', 'high'] as const;

/** node:util parseArgs (strict), with its error as a one-line UsageError. */
const parse: typeof parseArgs = (config) => {
  try {
    return parseArgs(config);
  } catch (err) {
    throw new UsageError(errorLine(err));
  }
};

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${flag} must be one of ${allowed.join(', ')} (got "${value}").`);
  return value as T;
}

function parseRun(argv: string[], positionals: number, name: string): { positionals: string[]; flags: RunFlags; help: boolean } {
  const parsed = parse({ args: argv, options: runOptions, allowPositionals: true, strict: true });
  const v = parsed.values;
  if (v.help) return { positionals: [], flags: { sandbox: 'auto', json: false, apply: false }, help: true };
  if (parsed.positionals.length !== positionals) {
    const what = name === 'exec' ? 'a task: tandem exec "task"' : 'a session id and a message: tandem resume ID "message"';
    throw new UsageError(`${name} needs ${what}.`);
  }
  const contextWindow = parseContextWindow(v['context-window']);
  const maxRetries = parseMaxRetries(v['max-retries'], '--max-retries');
  if (parsed.positionals.some((p) => p.trim() === '')) throw new UsageError('The task is empty.');
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
      sandbox: oneOf('sandbox', v.sandbox, ['auto', 'on', 'off'] as const) ?? 'auto',
      contextWindow,
      maxRetries,
      json: v.json ?? false,
      apply: v.apply ?? false,
      maxRounds: parsePositive(v['max-rounds'], '--max-rounds'),
      maxTurnTokens: parsePositive(v['max-turn-tokens'], '--max-turn-tokens'),
    },
  };
}

/** A limit flag: a whole number, 1 or more. */
function parsePositive(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a whole number, 1 or more (got "${value}").`);
  return n;
}

/** A retry count: a whole number from 0 to 20 (`what` names the flag or variable). */
export function parseMaxRetries(value: string | undefined, what: string): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 20) throw new UsageError(`${what} must be a whole number from 0 to 20 (got "${value}").`);
  return n;
}

function parseContextWindow(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1000) throw new UsageError('--context-window must be a whole number of tokens (at least 1000).');
  return n;
}

function parseReview(argv: string[]): Command {
  const parsed = parse({ args: argv, options: reviewOptions, allowPositionals: true, strict: true });
  const v = parsed.values;
  if (v.help) return { kind: 'help' };
  if (parsed.positionals.length > 0) throw new UsageError(`review takes no arguments (got "${parsed.positionals[0]}"): use --base BRANCH or --commit SHA.`);
  if (v.base !== undefined && v.commit !== undefined) throw new UsageError('Use --base or --commit, not both.');
  if (v.base?.trim() === '' || v.commit?.trim() === '') throw new UsageError(`--${v.base !== undefined ? 'base' : 'commit'} needs a value.`);
  return {
    kind: 'review',
    flags: {
      cwd: v.cwd,
      model: v.model,
      baseUrl: v['base-url'],
      wire: oneOf('wire', v.wire, WIRES),
      effort: oneOf('effort', v.effort, EFFORTS),
      contextWindow: parseContextWindow(v['context-window']),
      maxRetries: parseMaxRetries(v['max-retries'], '--max-retries'),
      base: v.base,
      commit: v.commit,
      json: v.json ?? false,
    },
  };
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
    case 'apply':
      return { kind: 'apply', ...parseIdCommand(rest, 'apply') };
    case 'discard':
      return { kind: 'discard', ...parseIdCommand(rest, 'discard') };
    default:
      throw new UsageError(`Unknown command "${first}". Run tandem --help.`);
  }
}
