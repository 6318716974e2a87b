// Code review as a library call: collect the diff with git, split a large one into parts
// (files grouped by directory) that read-only reviewer sessions (read_file, list_dir,
// search and submit_review; no edits, no commands) review in parallel, keep the findings
// that are inside the diff, confident, not dismissed and distinct, and, for a split diff
// (or when asked), let one verifying session drop those it cannot confirm against the
// code and merge duplicates.
//
//   const result = await reviewChanges({ root, target: { type: 'uncommitted' }, model: resolveModelConfig({}) });
//   const gate = gateReview(result, { minPriority: 1, minConfidence: 0.3 });
//
// Contract: resolves with a ReviewResult or rejects with a ReviewError whose `code` says
// what went wrong (no git, not a repository, nothing to review, bad target, a session's
// model failed or never submitted, aborted). Never writes to the repository.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createNodeWorkspace } from '../workspace/nodeWorkspace';
import { collectDiff, type DiffFile } from './diff';
import { filterFindings } from './filter';
import { partitionDiff } from './partition';
import { REVIEW_SYSTEM_PROMPT, SUBMIT_REMINDER, SUBMIT_TOOL, reviewRequest, withReviewRules } from './prompt';
import { loadReviewRules } from './rules';
import { runSubmitSession, type SessionBase } from './session';
import { readOnlyWorkspace } from './staged';
import { createSubmitReviewTool, type Submission } from './submitTool';
import { ReviewError, type OverallCorrectness, type ReviewOptions, type ReviewResult } from './types';
import { verifyFindings } from './verify';

export const DEFAULT_MAX_PART_CHARS = 60_000;
export const DEFAULT_MAX_DIFF_CHARS = 600_000;
export const DEFAULT_CONCURRENCY = 4;
const DEFAULT_MAX_ROUNDS = 40;

export async function reviewChanges(options: ReviewOptions): Promise<ReviewResult> {
  // the caller's signal, or a failed part, stops every session
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) stop.abort();
  try {
    return await review(options, stop);
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}

async function review(options: ReviewOptions, stop: AbortController): Promise<ReviewResult> {
  const signal = stop.signal;
  const diff = await collectDiff(options.root, options.target, signal);
  const maxPart = options.maxPartChars ?? DEFAULT_MAX_PART_CHARS;
  const { parts, omitted } = partitionDiff(diff.files, maxPart, Math.max(maxPart, options.maxDiffChars ?? DEFAULT_MAX_DIFF_CHARS));
  const base = { description: diff.description, files: diff.files.map((f) => f.path), omitted: omitted.map((f) => f.path) };
  if (parts.length === 0) {
    if (omitted.length > 0) throw new ReviewError('bad_target', `The diff is too large to review: every file's part exceeds the limit of ${maxPart} characters.`);
    // only binary files changed: nothing a text review can check, and nothing to block
    return { ...base, findings: [], dropped: [], summary: 'Only binary files changed; there is no text to review.', overallCorrectness: 'looks good', overallConfidence: 1, parts: 0, verified: false };
  }

  const globalDir = options.globalInstructionsDir ?? path.join(os.homedir(), '.tandem');
  const rules = await loadReviewRules(options.root, globalDir);
  const storageDir = options.storageDir ?? (await mkdtemp(path.join(os.tmpdir(), 'tandem-review-')));
  try {
    const session: SessionBase = {
      workspace: options.workspace ?? (options.staged ? readOnlyWorkspace(options.staged) : await createNodeWorkspace(options.root)),
      staged: options.staged,
      model: options.model,
      modelClient: options.modelClient,
      storageDir,
      globalInstructionsDir: globalDir,
      rgPath: options.rgPath,
      maxRounds: options.maxRounds ?? DEFAULT_MAX_ROUNDS,
      signal,
      onEvent: options.onEvent,
    };
    const submissions = await mapLimit(parts, options.concurrency ?? DEFAULT_CONCURRENCY, stop, (files, i) =>
      reviewPart(session, rules, reviewRequest(diff.description, diff.files, { index: i + 1, count: parts.length, files }, omitted)),
    );
    const reviewed = parts.flat();
    const { kept, dropped } = filterFindings(
      submissions.flatMap((s) => s.findings),
      reviewed,
      { minConfidence: options.minConfidence, root: options.root, dismissed: new Set(options.dismissed ?? []) },
    );
    const verify = options.verify ?? 'auto';
    if (kept.length > 0 && (verify === 'always' || (verify === 'auto' && parts.length > 1))) {
      const verdicts = submissions.map((s) => ({ summary: s.summary, overallCorrectness: s.overallCorrectness }));
      const v = await verifyFindings(session, { description: diff.description, findings: kept, verdicts, files: reviewed, rules, maxChars: maxPart });
      // the verifier may have changed priorities: sort and merge once more
      const again = filterFindings(v.kept, reviewed, { minConfidence: 0, root: options.root });
      return { ...base, findings: again.kept, dropped: [...dropped, ...v.dropped, ...again.dropped], summary: v.summary, overallCorrectness: v.overallCorrectness, overallConfidence: v.overallConfidence, parts: parts.length, verified: true };
    }
    return { ...base, findings: kept, dropped, ...combineVerdicts(submissions, parts), parts: parts.length, verified: false };
  } finally {
    if (!options.storageDir) await rm(storageDir, { recursive: true, force: true }).catch(() => undefined);
  }
}

function reviewPart(session: SessionBase, rules: string, request: string): Promise<Submission> {
  return runSubmitSession<Submission>({
    ...session,
    systemPrompt: withReviewRules(REVIEW_SYSTEM_PROMPT, rules),
    submitTool: createSubmitReviewTool,
    request,
    reminder: SUBMIT_REMINDER,
    noSubmission: `The model answered twice without calling ${SUBMIT_TOOL}, so no review was recorded. Try again, or use a model that supports tool calls.`,
  });
}

/** Unverified parts: "needs changes" if any part says so, at the least confidence; summaries joined. */
export function combineVerdicts(submissions: Submission[], parts: DiffFile[][]): { summary: string; overallCorrectness: OverallCorrectness; overallConfidence: number } {
  if (submissions.length === 1) {
    const [s] = submissions;
    return { summary: s.summary, overallCorrectness: s.overallCorrectness, overallConfidence: s.overallConfidence };
  }
  const bad = submissions.filter((s) => s.overallCorrectness === 'needs changes');
  const relevant = bad.length > 0 ? bad : submissions;
  return {
    summary: submissions.map((s, i) => `Part ${i + 1} (${dirsOf(parts[i])}): ${s.summary}`).join('\n'),
    overallCorrectness: bad.length > 0 ? 'needs changes' : 'looks good',
    overallConfidence: Math.min(...relevant.map((s) => s.overallConfidence)),
  };
}

function dirsOf(files: DiffFile[]): string {
  return [...new Set(files.map((f) => path.posix.dirname(f.path)))].join(', ');
}

/**
 * Runs `fn` over `items` with at most `limit` at once, results in input order. The first
 * failure aborts `stop` (the other sessions run on its signal), waits for them to end,
 * and is rethrown: no session outlives the call.
 */
async function mapLimit<T, R>(items: T[], limit: number, stop: AbortController, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (next < items.length && !stop.signal.aborted) {
      const i = next++;
      try {
        results[i] = await fn(items[i], i);
      } catch (error) {
        failure ??= { error };
        stop.abort();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failure) throw failure.error;
  if (stop.signal.aborted) throw new ReviewError('aborted', 'The review was interrupted.');
  return results;
}
