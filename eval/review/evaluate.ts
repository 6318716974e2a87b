// Runs a reviewer over the corpus and scores it twice: on the findings at or above the
// thresholds (what fails a CI gate and gets annotated) and on every finding kept (what
// the human output lists). The reviewer is injected: the real one (reviewChanges over a
// temporary repository per case, see run.ts) or a scripted one in the tests.
import { rmSync } from 'node:fs';
import { meetsThresholds, priorityLabel, type ReviewResult, type ReviewThresholds } from '../../src/core/index';
import { materialize, type EvalCase } from './corpus';
import { classify, score, type CaseOutcome, type Scores } from './score';

/** Reviews one case whose change is HEAD of the repository at `repo`. */
export type Reviewer = (c: EvalCase, repo: string) => Promise<ReviewResult>;

export interface EvalRun {
  thresholds: ReviewThresholds;
  /** Outcomes with the findings at or above the thresholds. */
  gated: CaseOutcome[];
  /** Outcomes with every kept finding. */
  all: CaseOutcome[];
  scores: { gated: Scores; all: Scores };
}

export async function runEval(cases: readonly EvalCase[], review: Reviewer, thresholds: ReviewThresholds, concurrency = 2, onCase?: (c: EvalCase, r: ReviewResult | Error) => void): Promise<EvalRun> {
  const results: (ReviewResult | Error)[] = new Array(cases.length);
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const i = next++;
      const repo = materialize(cases[i]);
      try {
        results[i] = await review(cases[i], repo);
      } catch (err) {
        results[i] = err instanceof Error ? err : new Error(String(err));
      } finally {
        rmSync(repo, { recursive: true, force: true });
      }
      onCase?.(cases[i], results[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, cases.length)) }, worker));
  const outcome = (c: EvalCase, r: ReviewResult | Error, gate: boolean): CaseOutcome =>
    r instanceof Error ? { case: c, findings: [], error: r.message } : { case: c, findings: gate ? r.findings.filter((f) => meetsThresholds(f, thresholds)) : r.findings, verdict: r.overallCorrectness };
  const gated = cases.map((c, i) => outcome(c, results[i], true));
  const all = cases.map((c, i) => outcome(c, results[i], false));
  return { thresholds, gated, all, scores: { gated: score(gated), all: score(all) } };
}

const num = (n: number | null) => (n === null ? ' n/a' : n.toFixed(2));

/** The printed report: the two score rows, recall per category and language, misses and false positives. */
export function renderEval(run: EvalRun, model: string): string {
  const { gated, all } = run.scores;
  const t = `${priorityLabel(run.thresholds.minPriority)} or above, confidence ≥ ${run.thresholds.minConfidence}`;
  const lines = [
    `Tandem review eval · ${model} · ${gated.cases} cases (${gated.bugCases} with a bug, ${gated.cleanCases} clean${gated.errors ? `, ${gated.errors} failed` : ''})`,
    '',
    '                        precision  recall  F0.5  FP/clean  findings',
    `reported (${priorityLabel(run.thresholds.minPriority)}+)       ${num(gated.precision)}       ${num(gated.recall)}    ${num(gated.f05)}  ${num(gated.falsePositivesPerClean)}      ${gated.findings}`,
    `all findings            ${num(all.precision)}       ${num(all.recall)}    ${num(all.f05)}  ${num(all.falsePositivesPerClean)}      ${all.findings}`,
    '',
    `verdict accuracy: ${num(gated.verdictAccuracy)} ("needs changes" on bugs, "looks good" on clean changes)`,
    `reported = findings at ${t}`,
  ];
  const groups = (key: (c: EvalCase) => string | undefined) => {
    const by = new Map<string, [number, number]>();
    for (const o of run.gated) {
      if (o.case.kind !== 'bug' || o.error) continue;
      const k = key(o.case) ?? '?';
      const [found, total] = by.get(k) ?? [0, 0];
      by.set(k, [found + (classify(o).truePositive ? 1 : 0), total + 1]);
    }
    return [...by].sort().map(([k, [f, n]]) => `${k} ${f}/${n}`).join(', ');
  };
  lines.push(`bugs found by category: ${groups((c) => c.category)}`, `bugs found by language: ${groups((c) => c.language)}`);
  const missed = run.gated.filter((o) => o.case.kind === 'bug' && !o.error && !classify(o).truePositive).map((o) => o.case.id);
  if (missed.length) lines.push('', `missed (${missed.length}): ${missed.join(', ')}`);
  const fps = run.gated.flatMap((o) => classify(o).falsePositives.map((f) => `  ${o.case.id}: ${f.path}:${f.startLine} [${priorityLabel(f.priority)}] ${f.title}`));
  if (fps.length) lines.push('', `false positives (${fps.length}):`, ...fps);
  const failed = run.gated.filter((o) => o.error).map((o) => `  ${o.case.id}: ${o.error}`);
  if (failed.length) lines.push('', `failed reviews (${failed.length}):`, ...failed);
  return `${lines.join('\n')}\n`;
}
