// `tandem review --install-hook pre-push|pre-commit` and `--uninstall-hook`: a git hook
// that runs the review, installed only when the user asks. The hook file is found with
// `git rev-parse --git-path hooks/NAME` (so core.hooksPath and worktrees are respected).
// A hook Tandem did not write is never overwritten or removed: the user is told what to
// add to it instead. Tandem's own hook (it carries HOOK_MARK) is replaced on reinstall.
//
// The hooks: pre-push reviews what is pushed from HEAD (against the remote's old commit,
// or the remote's default branch for a new branch); pre-commit reviews the index. Both
// block on findings at or above the thresholds ("needs changes" too) and on a review that
// could not be done; `git push --no-verify` / `git commit --no-verify` skips them once.
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { priorityLabel } from '../core/index';
import type { HookName, ReviewFlags } from './reviewArgs';

export const HOOK_MARK = '# tandem-review-hook';

/** POSIX shell single-quoting. */
export function shQuote(s: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * The command line that runs this CLI again: node, its flags, the script. A loader named by
 * package (`--import tsx`, when run from a source checkout) is made absolute, since the
 * hook runs in the user's repository where that name does not resolve.
 */
export function selfCommand(execArgv = process.execArgv, script = process.argv[1]): string[] {
  const args = execArgv.map((a, i) => {
    const inline = /^--import=(.+)$/.exec(a);
    const spec = inline ? inline[1] : execArgv[i - 1] === '--import' ? a : undefined;
    if (spec === undefined || spec.startsWith('.') || spec.startsWith('file:') || path.isAbsolute(spec)) return a;
    let resolved: string;
    try {
      resolved = pathToFileURL(require.resolve(spec, { paths: [process.cwd(), path.dirname(script)] })).href;
    } catch {
      return a;
    }
    return inline ? `--import=${resolved}` : resolved;
  });
  return [process.execPath, ...args, path.resolve(script)];
}

/** Flags chosen at install time that the hook passes on (model and thresholds). */
function passedFlags(flags: ReviewFlags): string[] {
  const out: string[] = [];
  if (flags.model) out.push('--model', flags.model);
  if (flags.baseUrl) out.push('--base-url', flags.baseUrl);
  if (flags.wire) out.push('--wire', flags.wire);
  if (flags.effort) out.push('--effort', flags.effort);
  if (flags.maxRetries !== undefined) out.push('--max-retries', String(flags.maxRetries));
  out.push('--min-priority', priorityLabel(flags.minPriority), '--min-confidence', String(flags.minConfidence));
  if (flags.verify !== 'auto') out.push('--verify', flags.verify);
  return out;
}

export function hookScript(hook: HookName, command: string[], flags: ReviewFlags): string {
  const tandem = [...command, 'review', ...passedFlags(flags)].map(shQuote).join(' ');
  const head = `#!/bin/sh\n${HOOK_MARK} (${hook}): installed by \`tandem review --install-hook ${hook}\`;\n# remove it with \`tandem review --uninstall-hook ${hook}\`. Skip it once with --no-verify.\n`;
  if (hook === 'pre-commit') {
    return `${head}git diff --cached --quiet && exit 0   # nothing staged\nexec ${tandem} --staged\n`;
  }
  return `${head}remote="$1"
head=$(git rev-parse HEAD) || exit 1
status=0
while read -r local_ref local_sha remote_ref remote_sha; do
  case "$local_sha" in *[!0]*) ;; *) continue ;; esac   # deleting a branch
  [ "$local_sha" = "$head" ] || continue                 # the review covers HEAD only
  case "$remote_sha" in
    *[!0]*) base="$remote_sha" ;;
    *) base=$(git rev-parse -q --verify "refs/remotes/$remote/HEAD") || continue ;;   # a new branch
  esac
  git cat-file -e "$base^{commit}" 2>/dev/null || continue   # not fetched: nothing to compare with
  git diff --quiet "$base...$head" && continue             # no changes to review
  ${tandem} --base "$base" </dev/null || status=$?   # stdin holds git's ref list
done
if [ "$status" -ne 0 ]; then
  echo "tandem: push stopped by the review (exit $status); push anyway with git push --no-verify" >&2
fi
exit "$status"
`;
}

function hookPath(root: string, hook: HookName): string {
  let rel: string;
  try {
    rel = execFileSync('git', ['rev-parse', '--git-path', `hooks/${hook}`], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch {
    throw new Error(`${root} is not inside a git repository, so there is no ${hook} hook to change.`);
  }
  // relative to `root`, or absolute (core.hooksPath, worktrees)
  return path.resolve(root, rel);
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

export interface HookOutcome {
  /** 0 done (or nothing to do), 2 refused. */
  code: 0 | 2;
  message: string;
}

export async function installHook(root: string, hook: HookName, flags: ReviewFlags, command = selfCommand()): Promise<HookOutcome> {
  const file = hookPath(root, hook);
  const existing = await readIfExists(file);
  const script = hookScript(hook, command, flags);
  if (existing !== undefined && !existing.includes(HOOK_MARK)) {
    const line = hook === 'pre-commit' ? `${command.map(shQuote).join(' ')} review --staged || exit $?` : `${command.map(shQuote).join(' ')} review --base origin/HEAD || exit $?`;
    return { code: 2, message: `${file} already exists and was not written by Tandem, so it was left as it is. To run the review from it, add a line such as:\n  ${line}` };
  }
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, script, { mode: 0o755 });
  await fs.chmod(file, 0o755);
  return { code: 0, message: `${existing === undefined ? 'Installed' : 'Updated'} the ${hook} hook: ${file}` };
}

export async function uninstallHook(root: string, hook: HookName): Promise<HookOutcome> {
  const file = hookPath(root, hook);
  const existing = await readIfExists(file);
  if (existing === undefined) return { code: 0, message: `There is no ${hook} hook (${file}); nothing to remove.` };
  if (!existing.includes(HOOK_MARK)) return { code: 2, message: `${file} was not written by Tandem, so it was left as it is.` };
  await fs.unlink(file);
  return { code: 0, message: `Removed the ${hook} hook: ${file}` };
}
