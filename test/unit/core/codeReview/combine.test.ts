// Verdicts of unverified parts: "needs changes" when any part says so, at the least
// confidence among those parts; summaries joined with the directories each part covered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { combineVerdicts } from '../../../../src/core/codeReview/reviewChanges';
import type { DiffFile } from '../../../../src/core/codeReview/diff';
import type { Submission } from '../../../../src/core/codeReview/submitTool';

const file = (path: string): DiffFile => ({ path, status: 'modified', binary: false, ranges: [], added: 1, removed: 0, patch: '' });
const sub = (overallCorrectness: Submission['overallCorrectness'], overallConfidence: number, summary: string): Submission => ({ findings: [], summary, overallCorrectness, overallConfidence });

test('one part: its verdict as it is', () => {
  assert.deepEqual(combineVerdicts([sub('looks good', 0.7, 'Fine.')], [[file('a.ts')]]), { summary: 'Fine.', overallCorrectness: 'looks good', overallConfidence: 0.7 });
});

test('several parts: any "needs changes" wins, with the least confidence among those that said it', () => {
  const parts = [[file('src/a.ts'), file('src/b/c.ts')], [file('lib/d.ts')], [file('e.ts')]];
  const out = combineVerdicts([sub('looks good', 0.2, 'A fine.'), sub('needs changes', 0.9, 'D breaks.'), sub('needs changes', 0.6, 'E breaks.')], parts);
  assert.deepEqual(out, { summary: 'Part 1 (src, src/b): A fine.\nPart 2 (lib): D breaks.\nPart 3 (.): E breaks.', overallCorrectness: 'needs changes', overallConfidence: 0.6 });
  assert.equal(combineVerdicts([sub('looks good', 0.8, 'x'), sub('looks good', 0.5, 'y')], parts.slice(0, 2)).overallConfidence, 0.5);
});
