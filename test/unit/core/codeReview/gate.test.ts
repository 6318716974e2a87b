// The gate: priority and confidence thresholds, and the exit code for every combination
// of verdict and findings (0 only when nothing at or above the thresholds was found AND
// the verdict is "looks good").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_THRESHOLDS, gateReview, meetsThresholds, parsePriority } from '../../../../src/core/codeReview/gate';
import type { OverallCorrectness, Priority, ReviewFinding } from '../../../../src/core/codeReview/types';

const finding = (priority: Priority, confidence = 0.8): ReviewFinding => ({ path: 'a.ts', startLine: 1, endLine: 1, priority, confidence, title: `P${priority}`, body: 'b' });

test('parsePriority takes P0-P3 in either case, or the bare digit; nothing else', () => {
  assert.deepEqual(['P0', 'p1', '2', ' P3 '].map(parsePriority), [0, 1, 2, 3]);
  for (const bad of ['P4', '-1', 'high', '', 'P1.5', '01']) assert.equal(parsePriority(bad), undefined, bad);
});

test('meetsThresholds: at least as urgent as minPriority and at least minConfidence', () => {
  const t = { minPriority: 1 as Priority, minConfidence: 0.5 };
  assert.equal(meetsThresholds(finding(0), t), true);
  assert.equal(meetsThresholds(finding(1), t), true);
  assert.equal(meetsThresholds(finding(2), t), false);
  assert.equal(meetsThresholds(finding(3), t), false);
  assert.equal(meetsThresholds(finding(0, 0.5), t), true, 'the bound is inclusive');
  assert.equal(meetsThresholds(finding(0, 0.49), t), false);
  assert.equal(meetsThresholds(finding(3, 1), { minPriority: 3, minConfidence: 0 }), true);
  assert.deepEqual(DEFAULT_THRESHOLDS, { minPriority: 1, minConfidence: 0.3 });
});

test('exit code for each verdict and finding combination', () => {
  const cases: [OverallCorrectness, Priority[], 0 | 1][] = [
    ['looks good', [], 0],
    ['needs changes', [], 1], // the verdict alone fails the gate
    ['looks good', [2, 3], 0], // below P1: listed, not failing
    ['needs changes', [2, 3], 1],
    ['looks good', [1], 1], // a blocking finding fails even a "looks good" verdict
    ['looks good', [0, 3], 1],
    ['needs changes', [0], 1],
  ];
  for (const [verdict, priorities, code] of cases) {
    const gate = gateReview({ overallCorrectness: verdict, findings: priorities.map((p) => finding(p)) });
    assert.equal(gate.exitCode, code, `${verdict} with ${priorities.map((p) => `P${p}`).join(',') || 'no findings'}`);
    assert.equal(gate.passed, code === 0);
    assert.deepEqual(gate.blocking.map((f) => f.priority), priorities.filter((p) => p <= 1));
  }
});

test('thresholds move the gate: --min-priority P3 counts nits, --min-confidence drops guesses', () => {
  const findings = [finding(3, 0.9), finding(0, 0.4)];
  assert.equal(gateReview({ overallCorrectness: 'looks good', findings: [findings[0]] }).exitCode, 0);
  assert.equal(gateReview({ overallCorrectness: 'looks good', findings: [findings[0]] }, { minPriority: 3, minConfidence: 0.3 }).exitCode, 1);
  assert.equal(gateReview({ overallCorrectness: 'looks good', findings: [findings[1]] }, { minPriority: 1, minConfidence: 0.5 }).exitCode, 0);
  assert.deepEqual(gateReview({ overallCorrectness: 'looks good', findings }, { minPriority: 3, minConfidence: 0.5 }).blocking, [findings[0]]);
});
