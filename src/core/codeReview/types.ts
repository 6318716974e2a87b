// The public vocabulary of code review (`reviewChanges`, `tandem review`, the editor).
import type { ModelConfig } from '../agent/types';
import type { ModelClient } from '../model/types';
import type { StagingArea } from '../staging/types';
import type { SessionEvent } from '../types/events';
import type { Workspace } from '../workspace/types';

/** What to review. Line numbers in findings always refer to the NEW side of that diff. */
export type ReviewTarget =
  /** The working tree (staged, unstaged and untracked files) against HEAD. */
  | { type: 'uncommitted' }
  /** What is staged in git's index against HEAD (what `git commit` would record). */
  | { type: 'staged' }
  /** HEAD against its merge base with `base` (the commits of the current branch). */
  | { type: 'branch'; base: string }
  /** One commit against its first parent. */
  | { type: 'commit'; sha: string }
  /**
   * A unified diff in git's format (`diff --git` headers), e.g. an agent's staged changes
   * (see stagedChangesToPatch). `description` says what it is ("Tandem's staged changes").
   */
  | { type: 'patch'; patch: string; description: string };

/**
 * How urgent a finding is: 0 (P0) blocks a release, 1 (P1) must be fixed before merging,
 * 2 (P2) should be fixed, 3 (P3) is a nit. Lower numbers are more urgent.
 */
export type Priority = 0 | 1 | 2 | 3;

export interface ReviewFinding {
  /** Workspace-relative POSIX path (the new name of a renamed file). */
  path: string;
  /** 1-based, inclusive, in the new version of the file. */
  startLine: number;
  endLine: number;
  priority: Priority;
  /** One sentence naming the problem. */
  title: string;
  /** Why it is a problem: what triggers it and what goes wrong. */
  body: string;
  /** 0..1: the model's confidence that this is a real problem. */
  confidence: number;
  /**
   * Identifies the finding's code, not its wording or line numbers: a hash of the path and
   * the (whitespace-normalised) new-side lines of the diff it covers. Set on every finding
   * a review returns; the key of a dismissal.
   */
  fingerprint?: string;
}

export type OverallCorrectness = 'looks good' | 'needs changes';

export type DropReason = 'outside the diff' | 'duplicate' | 'low confidence' | 'not confirmed' | 'dismissed';

export interface DroppedFinding {
  finding: ReviewFinding;
  reason: DropReason;
  /** The verifier's reason, for 'not confirmed'. */
  detail?: string;
}

export interface ReviewResult {
  /** Kept findings, by path then line; all of them, whatever their priority. */
  findings: ReviewFinding[];
  summary: string;
  /** The verdict on the change as a whole (the verifier's when a verifying pass ran). */
  overallCorrectness: OverallCorrectness;
  /** 0..1: the reviewer's confidence in that verdict. */
  overallConfidence: number;
  /** Findings the model reported that were filtered out, and why. */
  dropped: DroppedFinding[];
  /** What was reviewed, in words ("uncommitted changes against HEAD"). */
  description: string;
  /** Paths in the reviewed diff. */
  files: string[];
  /** Paths in the diff that were too large to show the reviewer (their findings are discarded). */
  omitted: string[];
  /** Reviewer sessions the diff was split into (files grouped by directory). */
  parts: number;
  /** Whether a verifying pass checked the findings against the code. */
  verified: boolean;
}

/** 'auto': verify when the diff was reviewed in more than one part. */
export type VerifyMode = 'auto' | 'always' | 'never';

export interface ReviewOptions {
  /** The workspace: a git work tree or a folder inside one; paths are relative to it. */
  root: string;
  target: ReviewTarget;
  /** Model settings (see resolveModelConfig); ignored for requests when `modelClient` is given. */
  model: ModelConfig;
  modelClient?: ModelClient;
  /**
   * What the reviewer reads (read_file, list_dir, search); default: the files under `root`.
   * The editor passes a read-only view of an agent's staged files (readOnlyWorkspace) to
   * review them before they are applied. Nothing is ever written through it.
   */
  workspace?: Workspace;
  /**
   * Review an agent's staged changes as they stand in its staging area: read_file,
   * list_dir AND search see the staged files (search runs ripgrep over the workspace and
   * this area's layer, as the agent's own search does). `workspace` defaults to
   * readOnlyWorkspace(staged). Only read: the review never stages, applies or rejects.
   */
  staged?: StagingArea;
  signal?: AbortSignal;
  /** Progress: the events of every reviewer and verifier session. */
  onEvent?: (event: SessionEvent) => void;
  /** Where the sessions' logs go (default: a temporary folder, removed afterwards). */
  storageDir?: string;
  /** Global AGENTS.md folder (default ~/.tandem). */
  globalInstructionsDir?: string;
  /** ripgrep for the search tool. */
  rgPath?: string;
  /** Findings below this confidence are dropped (default 0.3). */
  minConfidence?: number;
  /** Fingerprints of dismissed findings: not reported again (dropped as 'dismissed'). */
  dismissed?: Iterable<string>;
  /** Diff text sent to one reviewer session, in characters (default 60,000). Larger diffs are split. */
  maxPartChars?: number;
  /** Diff text reviewed in all, in characters (default 600,000); files beyond it are left out. */
  maxDiffChars?: number;
  /** Reviewer sessions running at once (default 4). */
  concurrency?: number;
  /** The verifying pass (default 'auto'). */
  verify?: VerifyMode;
  /** Cap on model requests per session attempt (default 40). */
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
