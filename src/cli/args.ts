// Command-line parsing for `tandem`. Pure: returns a Command or throws UsageError with a
// one-line reason (the caller prints it and exits 2).
import { APPROVAL_POLICIES, type ApprovalPolicy } from '../core/index';
import { EFFORTS, UsageError, WIRES, modelOptions, oneOf, parse, parseContextWindow, parseMaxRetries, type ModelFlags } from './argsCommon';
import { parseReview, type ReviewCommand } from './reviewArgs';

export { UsageError, parseMaxRetries, type ModelFlags } from './argsCommon';

export interface RunFlags extends ModelFlags {
  cwd?: string;
  approval?: ApprovalPolicy;
  sandbox: 'auto' | 'on' | 'off';
  json: boolean;
  apply: boolean;
}

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'exec'; task: string; flags: RunFlags }
  | { kind: 'resume'; id: string; task: string; flags: RunFlags }
  | ReviewCommand
  | { kind: 'sessions'; json: boolean }
  | { kind: 'apply'; id: string; json: boolean }
  | { kind: 'discard'; id: string; json: boolean };

export const HELP = `tandem: a coding agent whose edits are staged for your review

Usage:
  tandem exec [options] "task"      run one task; the final message goes to stdout
  tandem resume ID [options] "more"  continue a saved session
  tandem review [--base BRANCH | --commit SHA | --staged] [--format F]
                                     review uncommitted changes, a branch, a commit or the index
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
  --json                    print JSONL events on stdout instead of progress
  --apply                   apply the staged changes when the task succeeds

Options (review; also --cwd and the model options above):
  --base BRANCH             review the current branch against BRANCH (its merge base)
  --commit SHA              review one commit
  --staged                  review what is staged in git (git add) against HEAD
  (none of these: the uncommitted changes, untracked files included)
  --format text|json|github|sarif   output (default text; --json = --format json)
  --sarif-file FILE         also write SARIF 2.1.0 to FILE
  --min-priority P0..P3     findings that fail the review and are annotated (default P1)
  --min-confidence 0..1     drop findings below this confidence (default 0.3)
  --verify auto|always|never  second pass that drops findings it cannot confirm
                            (default auto: when a large diff was reviewed in parts)
  --install-hook pre-push|pre-commit   install a git hook that runs the review
  --uninstall-hook pre-push|pre-commit remove it
  Exit code: 0 passed (nothing at or above the thresholds, verdict "looks good"),
  1 findings at or above the thresholds or verdict "needs changes", 2 not reviewed.

Without --apply, changes stay staged in the saved session: review the printed diff,
then run \`tandem apply ID\` or \`tandem discard ID\`. Commands that need approval ask
on the terminal; with no terminal they are denied.

Environment: OPENAI_API_KEY, OPENAI_BASE_URL, TANDEM_HOME (default ~/.tandem: sessions
and the global AGENTS.md), TANDEM_MAX_RETRIES. See docs/CLI.md.`;

const runOptions = {
  ...modelOptions,
  approval: { type: 'string' },
  sandbox: { type: 'string' },
  apply: { type: 'boolean' },
} as const;

const jsonOptions = { json: { type: 'boolean' } } as const;

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
