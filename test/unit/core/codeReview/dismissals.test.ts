// Fingerprints follow the code, not the wording or the line numbers; the dismissal store
// remembers them in a JSON file, survives reopening, and never overwrites a broken file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseGitDiff } from '../../../../src/core/codeReview/diff';
import { filterFindings } from '../../../../src/core/codeReview/filter';
import { findingFingerprint } from '../../../../src/core/codeReview/fingerprint';
import { createDismissalStore } from '../../../../src/core/codeReview/dismissals';
import type { ReviewFinding } from '../../../../src/core/codeReview/types';

const patch = (start: number, body: string[]) =>
  `diff --git a/src/a.ts b/src/a.ts\n--- a/src/a.ts\n+++ b/src/a.ts\n@@ -${start},2 +${start},${body.length} @@\n${body.join('\n')}\n`;
const BODY = [' const x = 1;', '+const y = x.foo.bar;', '+  return   y;', ' }'];
const [file] = parseGitDiff(patch(10, BODY));

test('the fingerprint depends on the path and the covered code, not on where it is or its whitespace', () => {
  const fp = findingFingerprint(file, 11, 12);
  assert.match(fp, /^[0-9a-f]{24}$/);
  const [moved] = parseGitDiff(patch(40, [' const x = 1;', '+const y = x.foo.bar;', '+ return y;', ' }']));
  assert.equal(findingFingerprint(moved, 41, 42), fp, 'moved 30 lines down, whitespace changed');
  const [edited] = parseGitDiff(patch(10, [' const x = 1;', '+const y = x.foo?.bar;', '+  return   y;', ' }']));
  assert.notEqual(findingFingerprint(edited, 11, 12), fp);
  assert.notEqual(findingFingerprint(file, 11, 11), fp, 'a different range is different code');
  const [other] = parseGitDiff(patch(10, BODY).replace(/src\/a\.ts/g, 'src/b.ts'));
  assert.notEqual(findingFingerprint(other, 11, 12), fp);
});

const finding = (more: Partial<ReviewFinding> = {}): ReviewFinding => ({ path: 'src/a.ts', startLine: 11, endLine: 12, priority: 1, confidence: 0.9, title: 'y may be undefined', body: 'b', ...more });

test('filterFindings fingerprints kept findings and drops dismissed ones', () => {
  const { kept } = filterFindings([finding()], [file]);
  assert.equal(kept[0].fingerprint, findingFingerprint(file, 11, 12));
  const reworded = finding({ title: 'Possible null dereference', confidence: 0.6 });
  const { kept: again, dropped } = filterFindings([reworded], [file], { dismissed: new Set([kept[0].fingerprint!]) });
  assert.deepEqual(again, []);
  assert.deepEqual(dropped.map((d) => d.reason), ['dismissed']);
});

test('the store adds, lists, restores, persists, and refuses to touch a broken file', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-dismiss-'));
  const file = path.join(dir, 'sub', 'dismissed.json');
  const store = createDismissalStore(file);
  assert.deepEqual(await store.list(), []);
  const f = { ...finding(), fingerprint: 'abc' };
  const [d1] = await Promise.all([store.dismiss(f, '  intended  '), store.dismiss({ ...f, fingerprint: 'def', title: 'other' })]);
  assert.deepEqual([d1.fingerprint, d1.reason, d1.path], ['abc', 'intended', 'src/a.ts']);
  assert.deepEqual([...(await createDismissalStore(file).fingerprints())].sort(), ['abc', 'def']);
  await store.dismiss(f); // again: replaced, not duplicated
  assert.equal((await store.list()).length, 2);
  assert.equal(await store.restore('abc'), true);
  assert.equal(await store.restore('abc'), false);
  assert.deepEqual((await store.list()).map((d) => d.fingerprint), ['def']);
  await assert.rejects(store.dismiss({ ...f, fingerprint: undefined }), /no fingerprint/);

  writeFileSync(file, '{ not json');
  await assert.rejects(store.list(), /is not valid JSON/);
  await assert.rejects(store.dismiss(f), /is not valid JSON/);
  assert.equal(readFileSync(file, 'utf8'), '{ not json', 'left as it was');
});
