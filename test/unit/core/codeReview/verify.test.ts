// The verifier's submission: complete (one decision per candidate) or refused with the
// reason; applied, it keeps confirmed findings only (with a corrected priority).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkVerification, createVerifyTool, type Verification } from '../../../../src/core/codeReview/verifyTool';
import { applyVerification, verifyRequest } from '../../../../src/core/codeReview/verify';
import type { ReviewFinding } from '../../../../src/core/codeReview/types';

const f = (n: number): ReviewFinding => ({ path: 'a.ts', startLine: n, endLine: n, priority: 1, confidence: 0.7, title: `Problem ${n}`, body: 'Because.' });
const verdict = { summary: 'S.', overall_correctness: 'needs changes' as const, overall_confidence: 0.7 };
const IDS = ['F1', 'F2', 'F3'];

test('a submission must decide every candidate exactly once, by known id, with duplicates of confirmed ones', () => {
  const ok = (findings: any[]) => checkVerification({ findings, ...verdict }, IDS);
  assert.match(ok([{ id: 'F1', verdict: 'confirmed', reason: 'r' }]) as string, /^No decision for F2, F3/);
  assert.match(ok([{ id: 'F9', verdict: 'rejected', reason: 'r' }]) as string, /^Unknown finding id "F9"/);
  assert.match(ok([{ id: 'F1', verdict: 'rejected', reason: 'r' }, { id: 'F1', verdict: 'confirmed', reason: 'r' }]) as string, /more than one decision/);
  const dupOfRejected = ok([
    { id: 'F1', verdict: 'rejected', reason: 'r' },
    { id: 'F2', verdict: 'duplicate', duplicate_of: 'F1', reason: 'r' },
    { id: 'F3', verdict: 'confirmed', reason: 'r' },
  ]);
  assert.match(dupOfRejected as string, /F2 is marked a duplicate of "F1", which is not a confirmed finding/);
  const good = ok([
    { id: 'F1', verdict: 'confirmed', priority: 0, reason: 'real' },
    { id: ' F2 ', verdict: 'duplicate', duplicate_of: 'F1', reason: 'same' },
    { id: 'F3', verdict: 'rejected', reason: 'cannot happen' },
  ]) as Verification;
  assert.equal(typeof good, 'object');
  assert.deepEqual([...good.decisions.keys()], IDS);
  assert.equal(good.overallConfidence, 0.7);
});

test('the tool refuses an incomplete submission (the model sees why) and records a complete one', async () => {
  let recorded: Verification | undefined;
  const tool = createVerifyTool(['F1'], (v) => (recorded = v));
  const refused = await tool.run({ findings: [], ...verdict }, undefined as never);
  assert.deepEqual([refused.success, recorded], [false, undefined]);
  assert.match(refused.output, /No decision for F1/);
  const done = await tool.run({ findings: [{ id: 'F1', verdict: 'rejected', reason: 'r' }], ...verdict }, undefined as never);
  assert.equal(done.success, true);
  assert.equal(recorded?.decisions.get('F1')?.verdict, 'rejected');
});

test('applyVerification keeps confirmed findings (corrected priority), drops rejected and duplicates with the reason', () => {
  const candidates = new Map([['F1', f(1)], ['F2', f(2)], ['F3', f(3)]]);
  const v = checkVerification(
    {
      findings: [
        { id: 'F1', verdict: 'confirmed', priority: 0, reason: 'real' },
        { id: 'F2', verdict: 'duplicate', duplicate_of: 'F1', reason: 'same bug' },
        { id: 'F3', verdict: 'rejected', reason: 'the input is validated at line 2' },
      ],
      ...verdict,
    },
    IDS,
  ) as Verification;
  const out = applyVerification(candidates, v);
  assert.deepEqual(out.kept, [{ ...f(1), priority: 0 }]);
  assert.deepEqual(out.dropped.map((d) => [d.finding.startLine, d.reason, d.detail]), [
    [2, 'duplicate', 'same as F1: same bug'],
    [3, 'not confirmed', 'the input is validated at line 2'],
  ]);
  assert.deepEqual([out.summary, out.overallCorrectness, out.overallConfidence], ['S.', 'needs changes', 0.7]);
});

test('the request lists candidates with ids, priorities and locations, and the parts\' verdicts', () => {
  const text = verifyRequest('commit abc', new Map([['F1', { ...f(4), endLine: 6 }]]), [{ summary: 'Part one.', overallCorrectness: 'looks good' }], []);
  assert.match(text, /^Verify the candidate findings of a review of commit abc\./);
  assert.match(text, /F1\. \[P1\] a\.ts:4-6 \(confidence 0\.70\): Problem 4\n {4}Because\./);
  assert.match(text, /- looks good: Part one\./);
});
