// Scoring the reviewer on the labelled corpus. Pure.
//
// A finding matches a case's bug when it is in the bug's file and its lines overlap a bug
// location widened by LINE_TOLERANCE lines each way (a reviewer may point at the call
// rather than the argument). Per case, the first matching finding is a true positive;
// every other finding is a false positive, including a second finding on the same bug
// (a duplicate is noise for the person reading the review) and anything in a clean case.
//   precision = true positives / findings
//   recall    = bug cases with a true positive / bug cases
//   F0.5      = 1.25 * P * R / (0.25 * P + R)   (precision weighs twice as much as recall)
//   false positives per clean change = findings in clean cases / clean cases
// Cases whose review failed are counted apart and left out of every ratio.
import type { ReviewFinding } from '../../src/core/index';
import type { BugLocation, EvalCase } from './corpus';

export const LINE_TOLERANCE = 3;

export interface CaseOutcome {
  case: EvalCase;
  /** The findings to score (already cut to the thresholds being measured). */
  findings: ReviewFinding[];
  verdict?: 'looks good' | 'needs changes';
  /** The review could not be done. */
  error?: string;
}

export interface Scores {
  cases: number;
  bugCases: number;
  cleanCases: number;
  errors: number;
  findings: number;
  /** Also the number of bug cases found (one per case at most). */
  truePositives: number;
  falsePositives: number;
  /** null when there were no findings (precision is undefined). */
  precision: number | null;
  recall: number;
  f05: number;
  falsePositivesPerClean: number;
  /** Bug cases judged "needs changes" plus clean cases judged "looks good", over reviewed cases. */
  verdictAccuracy: number;
}

export function matchesBug(f: ReviewFinding, bug: readonly BugLocation[], tolerance = LINE_TOLERANCE): boolean {
  return bug.some((b) => b.path === f.path && f.startLine <= b.endLine + tolerance && f.endLine >= b.startLine - tolerance);
}

/** Per case: which findings are true positives (at most one) and which are false. */
export function classify(o: CaseOutcome): { truePositive?: ReviewFinding; falsePositives: ReviewFinding[] } {
  let truePositive: ReviewFinding | undefined;
  const falsePositives: ReviewFinding[] = [];
  for (const f of o.findings) {
    if (!truePositive && o.case.kind === 'bug' && matchesBug(f, o.case.bug)) truePositive = f;
    else falsePositives.push(f);
  }
  return { truePositive, falsePositives };
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

export function score(outcomes: readonly CaseOutcome[]): Scores {
  const done = outcomes.filter((o) => o.error === undefined);
  const bugCases = done.filter((o) => o.case.kind === 'bug');
  const cleanCases = done.filter((o) => o.case.kind === 'clean');
  let tp = 0;
  let fp = 0;
  let cleanFp = 0;
  for (const o of done) {
    const c = classify(o);
    if (c.truePositive) tp++;
    fp += c.falsePositives.length;
    if (o.case.kind === 'clean') cleanFp += c.falsePositives.length;
  }
  const findings = tp + fp;
  const precision = findings === 0 ? null : tp / findings;
  const recall = ratio(tp, bugCases.length);
  const p = precision ?? 0;
  const f05 = p + recall === 0 ? 0 : (1.25 * p * recall) / (0.25 * p + recall);
  const rightVerdicts = done.filter((o) => (o.case.kind === 'bug' ? o.verdict === 'needs changes' : o.verdict === 'looks good')).length;
  return {
    cases: outcomes.length,
    bugCases: bugCases.length,
    cleanCases: cleanCases.length,
    errors: outcomes.length - done.length,
    findings,
    truePositives: tp,
    falsePositives: fp,
    precision,
    recall,
    f05,
    falsePositivesPerClean: ratio(cleanFp, cleanCases.length),
    verdictAccuracy: ratio(rightVerdicts, done.length),
  };
}
