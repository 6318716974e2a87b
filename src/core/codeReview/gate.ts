// The gate: which findings count (for an exit code, a CI annotation, a status-bar count)
// and whether the review passes. One rule everywhere, so the CLI's exit code, its
// annotations and the editor can never disagree with the verdict:
//   pass  <=>  no finding at or above the thresholds  AND  the verdict is "looks good".
// A finding is at or above the thresholds when its priority is at least as urgent as
// `minPriority` (P0 is the most urgent) and its confidence is at least `minConfidence`.
import type { Priority, ReviewFinding, ReviewResult } from './types';

export const DEFAULT_MIN_PRIORITY: Priority = 1;
export const DEFAULT_MIN_CONFIDENCE = 0.3;
export const PRIORITIES: readonly Priority[] = [0, 1, 2, 3];

export interface ReviewThresholds {
  /** Findings at this priority or more urgent count (default P1). */
  minPriority: Priority;
  /** Findings at this confidence or more count (default 0.3). */
  minConfidence: number;
}

export const DEFAULT_THRESHOLDS: ReviewThresholds = { minPriority: DEFAULT_MIN_PRIORITY, minConfidence: DEFAULT_MIN_CONFIDENCE };

export const priorityLabel = (p: Priority): string => `P${p}`;

/** "P1", "p1" or "1" -> 1; undefined for anything else. */
export function parsePriority(text: string): Priority | undefined {
  const m = /^\s*[pP]?([0-3])\s*$/.exec(text);
  return m ? (Number(m[1]) as Priority) : undefined;
}

export function meetsThresholds(f: Pick<ReviewFinding, 'priority' | 'confidence'>, t: ReviewThresholds): boolean {
  return f.priority <= t.minPriority && f.confidence >= t.minConfidence;
}

export interface ReviewGate {
  /** The findings at or above the thresholds, in the result's order. */
  blocking: ReviewFinding[];
  passed: boolean;
  /** 0 passed, 1 failed (2, "the review could not be done", is never a gate's). */
  exitCode: 0 | 1;
}

export function gateReview(result: Pick<ReviewResult, 'findings' | 'overallCorrectness'>, thresholds: ReviewThresholds = DEFAULT_THRESHOLDS): ReviewGate {
  const blocking = result.findings.filter((f) => meetsThresholds(f, thresholds));
  const passed = blocking.length === 0 && result.overallCorrectness === 'looks good';
  return { blocking, passed, exitCode: passed ? 0 : 1 };
}
