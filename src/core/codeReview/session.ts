// One read-only agent session whose result arrives through a submit tool: the reviewer of
// a part of the diff, or the verifier. It has read_file, list_dir and search over the
// workspace (or the view it is given) plus its submit tool; no edits, no commands, and
// nobody to ask (secret files stay unread). It sends the request, and one reminder if the
// model answers in prose; the session ends as soon as a valid submission is recorded.
//
// Contract: resolves with the submission, or rejects with a ReviewError (the model failed,
// never submitted, or the signal aborted). The session's log goes to `storageDir`.
import { createAgent } from '../agent/createAgent';
import type { Agent } from '../agent/types';
import { foldTurn } from '../agent/fold';
import type { ModelClient, ModelConfig } from '../model/types';
import { listDirTool, readFileTool, searchTool } from '../tools/defaultTools';
import type { Tool } from '../tools/types';
import type { Shell } from '../shell/types';
import type { StagingArea } from '../staging/types';
import type { Approvals } from '../approvals/types';
import type { SessionEvent } from '../types/events';
import type { Workspace } from '../workspace/types';
import { ReviewError } from './types';

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

export interface SubmitSessionOptions<T> {
  workspace: Workspace;
  model: ModelConfig;
  modelClient?: ModelClient;
  storageDir: string;
  globalInstructionsDir?: string;
  rgPath?: string;
  /** An agent's staging area under review: search sees its staged files (see stagedSearch). */
  staged?: StagingArea;
  maxRounds: number;
  systemPrompt: string;
  /** Builds the submit tool; it calls `record` with each valid submission (the last wins). */
  submitTool: (record: (value: T) => void) => Tool;
  request: string;
  reminder: string;
  /** Sentence for a model that never submitted ("The model answered twice without …"). */
  noSubmission: string;
  signal: AbortSignal;
  onEvent?: (e: SessionEvent) => void;
}

/** What every session of one review shares (the rest is per session). */
export type SessionBase = Omit<SubmitSessionOptions<unknown>, 'systemPrompt' | 'submitTool' | 'request' | 'reminder' | 'noSubmission'>;

export async function runSubmitSession<T>(o: SubmitSessionOptions<T>): Promise<T> {
  let submission: T | undefined;
  let agent: Agent | undefined;
  try {
    agent = await createAgent({
      model: o.model,
      modelClient: o.modelClient,
      workspace: o.workspace,
      storageDir: o.storageDir,
      approvals: UNATTENDED,
      approvalPolicy: 'read-only',
      shell: NO_SHELL,
      tools: [readFileTool, listDirTool, o.staged ? stagedSearch(o.staged) : searchTool, o.submitTool((s) => (submission = s))] as Tool[],
      systemPrompt: o.systemPrompt,
      endTurnWhen: () => submission !== undefined,
      globalInstructionsDir: o.globalInstructionsDir,
      rgPath: o.rgPath,
      maxRounds: o.maxRounds,
    });
    await attempt(agent, o.request, o.signal, o.onEvent);
    // one reminder for a model that answered in prose
    if (submission === undefined) await attempt(agent, o.reminder, o.signal, o.onEvent);
  } finally {
    await agent?.dispose();
  }
  if (submission === undefined) throw new ReviewError('no_submission', o.noSubmission);
  return submission;
}

/**
 * The search tool over another agent's staged view. The reviewer's own staging area
 * (over a read-only view of `staged`) has nothing staged, so a plain search would run
 * ripgrep over the files on disk and miss the staged text; the tool reads only
 * `stagedPaths()` and `layerDir` of the area it is given, so this never writes to it.
 */
function stagedSearch(staged: StagingArea): typeof searchTool {
  return { ...searchTool, run: (args, ctx) => searchTool.run(args, { ...ctx, staging: staged }) };
}

/** One turn of the session; a failed or aborted turn is a ReviewError. */
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
