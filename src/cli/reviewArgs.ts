// `tandem review` flags. Pure: a ReviewCommand, or a UsageError with a one-line reason.
import { parsePriority, DEFAULT_MIN_CONFIDENCE, DEFAULT_MIN_PRIORITY, type Priority, type VerifyMode } from '../core/index';
import { EFFORTS, UsageError, WIRES, modelOptions, oneOf, parse, parseContextWindow, parseMaxRetries, type ModelFlags } from './argsCommon';

export const REVIEW_FORMATS = ['text', 'json', 'github', 'sarif'] as const;
export type ReviewFormat = (typeof REVIEW_FORMATS)[number];
export const HOOKS = ['pre-push', 'pre-commit'] as const;
export const VERIFY_MODES = ['auto', 'always', 'never'] as const satisfies readonly VerifyMode[];
export type HookName = (typeof HOOKS)[number];

export interface ReviewFlags extends ModelFlags {
  cwd?: string;
  /** --base BRANCH: the current branch against BRANCH. */
  base?: string;
  /** --commit SHA: one commit. */
  commit?: string;
  /** --staged: git's index against HEAD. */
  staged: boolean;
  format: ReviewFormat;
  /** --sarif-file FILE: also write SARIF there (one review for annotations and code scanning). */
  sarifFile?: string;
  minPriority: Priority;
  minConfidence: number;
  verify: VerifyMode;
}

export type ReviewCommand =
  | { kind: 'review'; flags: ReviewFlags }
  | { kind: 'review-hook'; action: 'install' | 'uninstall'; hook: HookName; flags: ReviewFlags };

const reviewOptions = {
  ...modelOptions,
  base: { type: 'string' },
  commit: { type: 'string' },
  staged: { type: 'boolean' },
  format: { type: 'string' },
  'sarif-file': { type: 'string' },
  'min-priority': { type: 'string' },
  'min-confidence': { type: 'string' },
  verify: { type: 'string' },
  'install-hook': { type: 'string' },
  'uninstall-hook': { type: 'string' },
} as const;

function minConfidence(value: string | undefined): number {
  if (value === undefined) return DEFAULT_MIN_CONFIDENCE;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new UsageError(`--min-confidence must be a number from 0 to 1 (got "${value}").`);
  return n;
}

function minPriority(value: string | undefined): Priority {
  if (value === undefined) return DEFAULT_MIN_PRIORITY;
  const p = parsePriority(value);
  if (p === undefined) throw new UsageError(`--min-priority must be one of P0, P1, P2, P3 (got "${value}").`);
  return p;
}

/** `argv` after the word "review". */
export function parseReview(argv: string[]): ReviewCommand | { kind: 'help' } {
  const parsed = parse({ args: argv, options: reviewOptions, allowPositionals: true, strict: true });
  const v = parsed.values;
  if (v.help) return { kind: 'help' };
  if (parsed.positionals.length > 0) throw new UsageError(`review takes no arguments (got "${parsed.positionals[0]}"): use --base BRANCH, --commit SHA or --staged.`);
  const targets = [v.base !== undefined && '--base', v.commit !== undefined && '--commit', v.staged && '--staged'].filter(Boolean);
  if (targets.length > 1) throw new UsageError(`Use one of ${targets.join(', ')}, not several.`);
  if (v.base?.trim() === '' || v.commit?.trim() === '') throw new UsageError(`--${v.base !== undefined ? 'base' : 'commit'} needs a value.`);
  if (v.json && v.format !== undefined && v.format !== 'json') throw new UsageError(`--json and --format ${v.format} contradict each other.`);
  const flags: ReviewFlags = {
    cwd: v.cwd,
    model: v.model,
    baseUrl: v['base-url'],
    wire: oneOf('wire', v.wire, WIRES),
    effort: oneOf('effort', v.effort, EFFORTS),
    contextWindow: parseContextWindow(v['context-window']),
    maxRetries: parseMaxRetries(v['max-retries'], '--max-retries'),
    base: v.base,
    commit: v.commit,
    staged: v.staged ?? false,
    format: v.json ? 'json' : (oneOf('format', v.format, REVIEW_FORMATS) ?? 'text'),
    sarifFile: v['sarif-file']?.trim() || undefined,
    minPriority: minPriority(v['min-priority']),
    minConfidence: minConfidence(v['min-confidence']),
    verify: oneOf('verify', v.verify, VERIFY_MODES) ?? 'auto',
  };
  const install = v['install-hook'];
  const uninstall = v['uninstall-hook'];
  if (install === undefined && uninstall === undefined) return { kind: 'review', flags };
  if (install !== undefined && uninstall !== undefined) throw new UsageError('Use --install-hook or --uninstall-hook, not both.');
  if (targets.length > 0) throw new UsageError(`${targets[0]} does not go with ${install !== undefined ? '--install-hook' : '--uninstall-hook'}: the hook chooses what to review.`);
  const action = install !== undefined ? 'install' : 'uninstall';
  const hook = oneOf(`${action}-hook`, install ?? uninstall, HOOKS)!;
  return { kind: 'review-hook', action, hook, flags };
}
