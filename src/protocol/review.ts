// Code review on the wire: the reviews the editor holds (the latest one the user asked
// for, from "Tandem: Review Changes…" or `/review`, and the latest background review of
// the agent's staged changes), as the webview shows them. The finding is the core's
// ReviewFinding; the host adds an id and, for staged changes, the hunk it sits on.
// Contract: `review/updated` always carries every run (a small list), so the webview
// replaces its copy; the snapshot carries the same list.
import type { OverallCorrectness, ReviewFinding, ReviewTarget } from '../core/index';

export type { Priority, ReviewFinding, OverallCorrectness } from '../core/index';

/** What `/review` and "Review Changes…" can review (every target but a raw patch). */
export type GitReviewTarget = Exclude<ReviewTarget, { type: 'patch' }>;

/**
 * `request`: a review the user asked for (palette or `/review`); `agent`: the background
 * review of the agent's staged changes, before they are applied.
 */
export type ReviewSource = 'request' | 'agent';

export type ReviewStatus = 'running' | 'done' | 'failed' | 'cancelled';

export interface ShownFinding extends ReviewFinding {
  /** Unique within its run. */
  id: string;
  /** Agent reviews: the staged hunk of `path` the finding sits on (its id as the Changes area knows it). */
  hunkId?: string;
}

export interface ReviewRunView {
  id: string;
  source: ReviewSource;
  status: ReviewStatus;
  /** What is reviewed, in words ("uncommitted changes against HEAD", "Tandem's staged changes"). */
  description: string;
  /** The session it belongs to: the one whose staged changes were reviewed, or where `/review` ran. */
  sessionId?: string;
  /** A `/review` from the chat: shown in the conversation of `sessionId`, after this item (none: at the top). */
  chat?: { afterItemId?: string };
  /** While running: what the reviewer does now ("Reading src/a.ts"). */
  progress?: string;
  /** The findings at or above the user's thresholds that were not dismissed, by path then line. */
  findings: ShownFinding[];
  /** Findings below the thresholds (not shown). */
  hidden: number;
  summary?: string;
  overallCorrectness?: OverallCorrectness;
  /** Why it failed (status `failed`). */
  error?: string;
}
