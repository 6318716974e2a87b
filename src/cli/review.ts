// `tandem review`: reviews the uncommitted changes, the index, a branch or a commit with
// reviewChanges() and prints the result as text, JSON, GitHub annotations or SARIF.
// Exit codes (the gate, see core/codeReview/gate.ts): 0 nothing at or above the
// thresholds and the verdict "looks good"; 1 findings at or above them or "needs
// changes"; 2 the review could not be done (bad arguments, no git, not a repository,
// nothing to review, model failure); 130 interrupted. Progress goes to stderr (text and
// github formats only). Also installs and removes the git hooks (reviewHook.ts).
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ReviewError, createDismissalStore, defaultDismissalFile, reviewChanges, type ReviewTarget, type SessionEvent } from '../core/index';
import type { ReviewCommand, ReviewFlags } from './reviewArgs';
import { EXIT_ABORTED, modelConfig } from './exec';
import { CLI_VERSION, findRg, isFolder, storageDir } from './env';
import { errorLine, oneLine, type Out } from './render';
import { installHook, uninstallHook } from './reviewHook';
import { makeReport } from './reviewFormats/report';
import { renderText } from './reviewFormats/text';
import { renderJson, renderJsonError } from './reviewFormats/json';
import { escapeData, renderGithub } from './reviewFormats/github';
import { renderSarif } from './reviewFormats/sarif';

export const EXIT_FINDINGS = 1;
export const EXIT_REVIEW_ERROR = 2;

const RENDER = { text: renderText, json: renderJson, github: renderGithub, sarif: renderSarif } as const;

function targetOf(flags: ReviewFlags): ReviewTarget {
  if (flags.commit !== undefined) return { type: 'commit', sha: flags.commit };
  if (flags.base !== undefined) return { type: 'branch', base: flags.base };
  if (flags.staged) return { type: 'staged' };
  return { type: 'uncommitted' };
}

function describe(target: ReviewTarget): string {
  switch (target.type) {
    case 'uncommitted':
      return 'uncommitted changes';
    case 'staged':
      return 'the changes staged in git';
    case 'branch':
      return `this branch against ${target.base}`;
    case 'commit':
      return `commit ${target.sha}`;
    case 'patch':
      return target.description;
  }
}

/** Progress lines for the review sessions' tool calls (stderr). */
function progress(out: Out): (e: SessionEvent) => void {
  return (e) => {
    if (e.type !== 'item/completed') return;
    const item = e.item;
    if (item.type === 'tool_call' && item.name !== 'submit_review' && item.name !== 'submit_verification') {
      out.stderr(`${item.status === 'failed' ? '✗' : '•'} ${item.name} ${oneLine(item.arguments, 100)}\n`);
    } else if (item.type === 'agent_message' && item.text.trim()) {
      out.stderr(`› ${oneLine(item.text, 200)}\n`);
    }
  };
}

/** The reviewed folder's place in its repository ("" at the top, else "sub/dir/"). */
function repoPrefix(root: string): string {
  try {
    return execFileSync('git', ['rev-parse', '--show-prefix'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

/** Fingerprints dismissed in this clone (the editor's Dismiss); a broken list is reported, not fatal. */
async function dismissed(root: string, out: Out): Promise<Set<string>> {
  const file = await defaultDismissalFile(root);
  if (!file) return new Set();
  try {
    return await createDismissalStore(file).fingerprints();
  } catch (err) {
    out.stderr(`tandem: dismissed findings ignored: ${errorLine(err)}\n`);
    return new Set();
  }
}

export async function runReviewCommand(command: ReviewCommand, out: Out): Promise<number> {
  if (command.kind === 'review') return runReview(command.flags, out);
  const root = path.resolve(command.flags.cwd ?? process.cwd());
  try {
    const r = command.action === 'install' ? await installHook(root, command.hook, command.flags) : await uninstallHook(root, command.hook);
    (r.code === 0 ? out.stdout : out.stderr)(`${r.code === 0 ? '' : 'tandem: '}${r.message}\n`);
    return r.code;
  } catch (err) {
    out.stderr(`tandem: ${errorLine(err)}\n`);
    return EXIT_REVIEW_ERROR;
  }
}

export async function runReview(flags: ReviewFlags, out: Out): Promise<number> {
  const controller = new AbortController();
  const onSigint = () => {
    out.stderr('\ninterrupting the review…\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  const chatty = flags.format === 'text' || flags.format === 'github';
  try {
    const root = path.resolve(flags.cwd ?? process.cwd());
    if (!isFolder(root)) throw new ReviewError('not_a_repo', `--cwd is not a folder: ${root}`);
    const model = modelConfig(flags);
    const target = targetOf(flags);
    if (chatty) out.stderr(`reviewing ${describe(target)} in ${root} with ${model.model}…\n`);
    const result = await reviewChanges({
      root,
      target,
      model,
      signal: controller.signal,
      onEvent: chatty ? progress(out) : undefined,
      globalInstructionsDir: storageDir(),
      rgPath: findRg(),
      minConfidence: flags.minConfidence,
      verify: flags.verify,
      dismissed: await dismissed(root, out),
    });
    const report = makeReport(result, target, { minPriority: flags.minPriority, minConfidence: flags.minConfidence }, repoPrefix(root), CLI_VERSION);
    if (chatty && result.dropped.length) {
      const outside = result.dropped.filter((d) => d.reason === 'outside the diff').length;
      const unconfirmed = result.dropped.filter((d) => d.reason === 'not confirmed').length;
      const rest = result.dropped.length - outside - unconfirmed;
      out.stderr(`(${result.dropped.length} finding${result.dropped.length === 1 ? '' : 's'} left out: ${outside} outside the diff, ${unconfirmed} not confirmed by the verifier, ${rest} duplicate, dismissed or low confidence)\n`);
    }
    if (flags.sarifFile) await writeFile(path.resolve(flags.sarifFile), renderSarif(report));
    out.stdout(RENDER[flags.format](report));
    return report.gate.exitCode;
  } catch (err) {
    if (controller.signal.aborted || (err instanceof ReviewError && err.code === 'aborted')) {
      out.stderr('tandem: the review was interrupted.\n');
      return EXIT_ABORTED;
    }
    const message = errorLine(err);
    if (flags.format === 'json') out.stdout(renderJsonError(err instanceof ReviewError ? err.code : 'error', message));
    if (flags.format === 'github') out.stdout(`::error title=Tandem review could not run::${escapeData(message)}\n`);
    out.stderr(`tandem: ${message}\n`);
    return EXIT_REVIEW_ERROR;
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
}
