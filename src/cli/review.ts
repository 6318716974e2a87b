// `tandem review [--base BRANCH | --commit SHA] [--json]`: reviews the uncommitted
// changes, a branch or a commit with reviewChanges() and prints the findings as
// `path:line: title` blocks (or one JSON object). Exit codes for CI: 0 no findings,
// 1 findings, 2 the review could not be done (bad arguments, no git, not a repository,
// nothing to review, model failure), 130 interrupted. Progress goes to stderr.
import path from 'node:path';
import { ReviewError, reviewChanges, type ReviewResult, type ReviewTarget, type SessionEvent } from '../core/index';
import type { ReviewFlags } from './args';
import { EXIT_ABORTED, modelConfig } from './exec';
import { findRg, isFolder, storageDir } from './env';
import { errorLine, oneLine, type Out } from './render';

export const EXIT_FINDINGS = 1;
export const EXIT_REVIEW_ERROR = 2;

function targetOf(flags: ReviewFlags): ReviewTarget {
  if (flags.commit !== undefined) return { type: 'commit', sha: flags.commit };
  if (flags.base !== undefined) return { type: 'branch', base: flags.base };
  return { type: 'uncommitted' };
}

/** Progress lines for the review session's tool calls (stderr). */
function progress(out: Out): (e: SessionEvent) => void {
  return (e) => {
    if (e.type !== 'item/completed') return;
    const item = e.item;
    if (item.type === 'tool_call' && item.name !== 'submit_review') {
      out.stderr(`${item.status === 'failed' ? '✗' : '•'} ${item.name} ${oneLine(item.arguments, 100)}\n`);
    } else if (item.type === 'agent_message' && item.text.trim()) {
      out.stderr(`› ${oneLine(item.text, 200)}\n`);
    }
  };
}

function indent(text: string): string {
  return text
    .trim()
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}

/** Findings as `path:line: title` blocks, then the verdict and summary. */
export function renderReview(result: ReviewResult): string {
  const blocks = result.findings.map((f) => {
    const lines = f.endLine > f.startLine ? `lines ${f.startLine}-${f.endLine}` : `line ${f.startLine}`;
    return `${f.path}:${f.startLine}: ${f.title}\n${indent(f.body)}\n  (${lines}, confidence ${f.confidence.toFixed(2)})\n`;
  });
  const n = result.findings.length;
  const count = n === 0 ? 'No findings' : n === 1 ? '1 finding' : `${n} findings`;
  return `${blocks.join('\n')}${n ? '\n' : ''}${count} · ${result.overallCorrectness}\n${result.summary.trim()}\n`;
}

export async function runReview(flags: ReviewFlags, out: Out): Promise<number> {
  const controller = new AbortController();
  const onSigint = () => {
    out.stderr('\ninterrupting the review…\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  try {
    const root = path.resolve(flags.cwd ?? process.cwd());
    if (!isFolder(root)) throw new ReviewError('not_a_repo', `--cwd is not a folder: ${root}`);
    const model = modelConfig(flags);
    const target = targetOf(flags);
    if (!flags.json) {
      const what = target.type === 'uncommitted' ? 'uncommitted changes' : target.type === 'branch' ? `this branch against ${target.base}` : `commit ${target.sha}`;
      out.stderr(`reviewing ${what} in ${root} with ${model.model}…\n`);
    }
    const result = await reviewChanges({
      root,
      target,
      model,
      signal: controller.signal,
      onEvent: flags.json ? undefined : progress(out),
      globalInstructionsDir: storageDir(),
      rgPath: findRg(),
    });
    if (flags.json) out.stdout(`${JSON.stringify(result)}\n`);
    else {
      const outside = result.dropped.filter((d) => d.reason === 'outside the diff').length;
      if (result.dropped.length) out.stderr(`(${result.dropped.length} finding${result.dropped.length === 1 ? '' : 's'} left out: ${outside} outside the diff, ${result.dropped.length - outside} duplicate or low confidence)\n`);
      out.stdout(renderReview(result));
    }
    return result.findings.length > 0 ? EXIT_FINDINGS : 0;
  } catch (err) {
    if (controller.signal.aborted || (err instanceof ReviewError && err.code === 'aborted')) {
      out.stderr('tandem: the review was interrupted.\n');
      return EXIT_ABORTED;
    }
    const message = errorLine(err);
    const code = err instanceof ReviewError ? err.code : 'error';
    if (flags.json) out.stdout(`${JSON.stringify({ error: { code, message } })}\n`);
    out.stderr(`tandem: ${message}\n`);
    return EXIT_REVIEW_ERROR;
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
}
