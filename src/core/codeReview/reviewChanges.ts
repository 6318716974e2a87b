// Code review as a library call: collect the diff with git, let a read-only agent
// session (read_file, list_dir, search and submit_review; no edits, no commands) look at
// it and the surrounding code, and keep the findings that are inside the diff, confident
// and distinct.
//
//   const result = await reviewChanges({ root, target: { type: 'uncommitted' }, model: resolveModelConfig({}) });
//
// Contract: resolves with a ReviewResult or rejects with a ReviewError whose `code` says
// what went wrong (no git, not a repository, nothing to review, bad target, the model
// failed or never submitted, aborted). Never writes to the repository.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createAgent } from '../agent/createAgent';
import type { Agent } from '../agent/types';
import { foldTurn } from '../agent/fold';
import { createNodeWorkspace } from '../workspace/nodeWorkspace';
import { listDirTool, readFileTool, searchTool } from '../tools/defaultTools';
import type { Tool } from '../tools/types';
import type { Shell } from '../shell/types';
import type { Approvals } from '../approvals/types';
import type { SessionEvent } from '../types/events';
import { collectDiff } from './diff';
import { filterFindings } from './filter';
import { REVIEW_SYSTEM_PROMPT, SUBMIT_REMINDER, SUBMIT_TOOL, fitDiff, reviewRequest } from './prompt';
import { createSubmitReviewTool, type Submission } from './submitTool';
import { ReviewError, type ReviewOptions, type ReviewResult } from './types';

export { ReviewError } from './types';
export type { ReviewTarget, ReviewFinding, ReviewResult, ReviewOptions, ReviewErrorCode, DroppedFinding, OverallCorrectness } from './types';
export { collectDiff, parseGitDiff, type CollectedDiff, type DiffFile, type LineRange } from './diff';
export { filterFindings, DEFAULT_MIN_CONFIDENCE } from './filter';

export const DEFAULT_MAX_DIFF_CHARS = 150_000;
const DEFAULT_MAX_ROUNDS = 40;

/** The review has no shell tool; this only guarantees that nothing could ever run. */
const NO_SHELL: Shell = {
  sandboxed: false,
  unavailableReason: 'A review runs no commands.',
  run: () => Promise.reject(new Error('A review runs no commands.')),
};

/** Nobody is asked during a review: secret files stay unread. */
const UNATTENDED: Approvals = {
  async request() {
    return { decision: 'cannot_ask', reason: 'the review runs unattended, so a file that may hold secrets stays unread' };
  },
};

export async function reviewChanges(options: ReviewOptions): Promise<ReviewResult> {
  const signal = options.signal ?? new AbortController().signal;
  const diff = await collectDiff(options.root, options.target, signal);
  const maxChars = options.maxDiffChars ?? DEFAULT_MAX_DIFF_CHARS;
  const shown = fitDiff(diff.files, maxChars);
  if (shown.length === 0) {
    throw new ReviewError('bad_target', `The diff is too large to review: every file's part exceeds the limit of ${maxChars} characters.`);
  }

  const storageDir = options.storageDir ?? (await mkdtemp(path.join(os.tmpdir(), 'tandem-review-')));
  let submission: Submission | undefined;
  let agent: Agent | undefined;
  try {
    agent = await createAgent({
      model: options.model,
      modelClient: options.modelClient,
      workspace: await createNodeWorkspace(options.root),
      storageDir,
      approvals: UNATTENDED,
      approvalPolicy: 'read-only',
      shell: NO_SHELL,
      tools: [readFileTool, listDirTool, searchTool, createSubmitReviewTool((s) => (submission = s))] as Tool[],
      systemPrompt: REVIEW_SYSTEM_PROMPT,
      endTurnWhen: () => submission !== undefined,
      globalInstructionsDir: options.globalInstructionsDir,
      rgPath: options.rgPath,
      maxRounds: options.maxRounds ?? DEFAULT_MAX_ROUNDS,
    });
    await attempt(agent, reviewRequest(diff.description, diff.files, shown), signal, options.onEvent);
    // one reminder for a model that answered in prose
    if (!submission) await attempt(agent, SUBMIT_REMINDER, signal, options.onEvent);
  } finally {
    await agent?.dispose();
    if (!options.storageDir) await rm(storageDir, { recursive: true, force: true }).catch(() => undefined);
  }
  if (!submission) {
    throw new ReviewError('no_submission', `The model answered twice without calling ${SUBMIT_TOOL}, so no review was recorded. Try again, or use a model that supports tool calls.`);
  }
  const { kept, dropped } = filterFindings(submission.findings, shown, { minConfidence: options.minConfidence, root: options.root });
  return {
    findings: kept,
    summary: submission.summary,
    overallCorrectness: submission.overallCorrectness,
    dropped,
    description: diff.description,
    files: diff.files.map((f) => f.path),
  };
}

/** One turn of the review session; a failed or aborted turn is a ReviewError. */
async function attempt(agent: Agent, input: string, signal: AbortSignal, onEvent?: (e: SessionEvent) => void): Promise<void> {
  const events = agent.runStreamed(input, { signal });
  const result = await foldTurn(
    (async function* () {
      for await (const e of events) {
        onEvent?.(e);
        yield e;
      }
    })(),
  );
  if (result.status === 'aborted' || signal.aborted) throw new ReviewError('aborted', 'The review was interrupted.');
  if (result.status === 'failed') throw new ReviewError('model_failed', `The review failed: ${result.error ?? 'the model request failed'}`);
}
