// The public vocabulary of code review (`reviewChanges`, `tandem review`).
import type { ModelConfig } from '../agent/types';
import type { ModelClient } from '../model/types';
import type { SessionEvent } from '../types/events';

/** What to review. Line numbers in findings always refer to the NEW side of that diff. */
export type ReviewTarget =
  /** The working tree (staged, unstaged and untracked files) against HEAD. */
  | { type: 'uncommitted' }
  /** HEAD against its merge base with `base` (the commits of the current branch). */
  | { type: 'branch'; base: string }
  /** One commit against its first parent. */
  | { type: 'commit'; sha: string };

export interface ReviewFinding {
  /** Workspace-relative POSIX path (the new name of a renamed file). */
  path: string;
  /** 1-based, inclusive, in the new version of the file. */
  startLine: number;
  endLine: number;
  /** One sentence naming the problem. */
  title: string;
  /** Why it is a problem: what triggers it and what goes wrong. */
  body: string;
  /** 0..1: the model's confidence that this is a real problem. */
  confidence: number;
}

export type OverallCorrectness = 'looks good' | 'needs changes';

export interface DroppedFinding {
  finding: ReviewFinding;
  reason: 'outside the diff' | 'duplicate' | 'low confidence';
}

export interface ReviewResult {
  /** Kept findings, by path then line. */
  findings: ReviewFinding[];
  summary: string;
  /** The model's verdict on the change as a whole. */
  overallCorrectness: OverallCorrectness;
  /** Findings the model reported that were filtered out, and why. */
  dropped: DroppedFinding[];
  /** What was reviewed, in words ("uncommitted changes against HEAD"). */
  description: string;
  /** Paths in the reviewed diff. */
  files: string[];
}

export interface ReviewOptions {
  /** The workspace: a git work tree or a folder inside one; paths are relative to it. */
  root: string;
  target: ReviewTarget;
  /** Model settings (see resolveModelConfig); ignored for requests when `modelClient` is given. */
  model: ModelConfig;
  modelClient?: ModelClient;
  signal?: AbortSignal;
  /** Progress: the review session's events (tool calls, messages). */
  onEvent?: (event: SessionEvent) => void;
  /** Where the review session's log goes (default: a temporary folder, removed afterwards). */
  storageDir?: string;
  /** Global AGENTS.md folder (default ~/.tandem). */
  globalInstructionsDir?: string;
  /** ripgrep for the search tool. */
  rgPath?: string;
  /** Findings below this confidence are dropped (default 0.3). */
  minConfidence?: number;
  /** Diff text sent to the model, in characters (default 150,000); files beyond it are left out. */
  maxDiffChars?: number;
  /** Cap on model requests per attempt (default 40). */
  maxRounds?: number;
}

export type ReviewErrorCode =
  | 'no_git'
  | 'not_a_repo'
  | 'bad_target'
  | 'empty_diff'
  | 'git_failed'
  | 'no_submission'
  | 'model_failed'
  | 'aborted';

/** A review that could not be done, with a sentence saying why. */
export class ReviewError extends Error {
  constructor(
    readonly code: ReviewErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ReviewError';
  }
}
