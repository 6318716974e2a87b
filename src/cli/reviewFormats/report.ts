// What every output format of `tandem review` renders: the result, the thresholds and
// the gate computed from them, and where the reviewed folder sits in the repository
// (CI annotations and SARIF name files from the repository root).
import { gateReview, type ReviewGate, type ReviewResult, type ReviewTarget, type ReviewThresholds } from '../../core/index';

export interface ReviewReport {
  result: ReviewResult;
  target: ReviewTarget;
  thresholds: ReviewThresholds;
  gate: ReviewGate;
  /** The reviewed folder relative to the repository root, with a trailing slash ('' at the root). */
  repoPrefix: string;
  toolVersion: string;
}

export function makeReport(result: ReviewResult, target: ReviewTarget, thresholds: ReviewThresholds, repoPrefix = '', toolVersion = '0.0.0'): ReviewReport {
  return { result, target, thresholds, gate: gateReview(result, thresholds), repoPrefix, toolVersion };
}

/** A finding's path from the repository root. */
export const repoPath = (report: ReviewReport, p: string): string => `${report.repoPrefix}${p}`;
