// filterFindings: only findings on lines inside the diff survive, low-confidence ones
// are dropped, duplicates collapse to the most confident, paths are matched leniently.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { filterFindings, matchPath } from '../../../../src/core/codeReview/filter';
import type { DiffFile } from '../../../../src/core/codeReview/diff';
import type { ReviewFinding } from '../../../../src/core/codeReview/types';

const file = (path: string, ranges: [number, number][], extra: Partial<DiffFile> = {}): DiffFile => ({
  path,
  status: 'modified',
  binary: false,
  ranges: ranges.map(([start, end]) => ({ start, end })),
  added: 1,
  removed: 1,
  patch: '',
  ...extra,
});

const finding = (path: string, startLine: number, endLine = startLine, more: Partial<ReviewFinding> = {}): ReviewFinding => ({
  path,
  startLine,
  endLine,
  priority: 1,
  title: `Problem at ${path}:${startLine}`,
  body: 'Because.',
  confidence: 0.8,
  ...more,
});

const FILES = [file('src/a.ts', [[10, 16], [40, 46]]), file('src/gone.ts', [], { status: 'deleted' }), file('img.png', [], { binary: true })];

test('keeps findings that overlap a hunk, drops those outside it or in files not in the diff', () => {
  const { kept, dropped } = filterFindings(
    [
      finding('src/a.ts', 12),
      finding('src/a.ts', 5, 10), // touches the hunk's first line
      finding('src/a.ts', 20, 30), // between hunks
      finding('src/a.ts', 47), // just after the second hunk
      finding('src/other.ts', 1),
      finding('src/gone.ts', 1),
      finding('img.png', 1),
    ],
    FILES,
  );
  assert.deepEqual(kept.map((f) => [f.path, f.startLine]), [['src/a.ts', 5], ['src/a.ts', 12]]);
  assert.deepEqual(dropped.map((d) => [d.finding.path, d.finding.startLine, d.reason]), [
    ['src/a.ts', 20, 'outside the diff'],
    ['src/a.ts', 47, 'outside the diff'],
    ['src/other.ts', 1, 'outside the diff'],
    ['src/gone.ts', 1, 'outside the diff'],
    ['img.png', 1, 'outside the diff'],
  ]);
});

test('drops findings under the confidence floor (default 0.3, configurable)', () => {
  const findings = [finding('src/a.ts', 11, 11, { confidence: 0.2 }), finding('src/a.ts', 41, 41, { confidence: 0.5 })];
  const byDefault = filterFindings(findings, FILES);
  assert.deepEqual(byDefault.kept.map((f) => f.startLine), [41]);
  assert.equal(byDefault.dropped[0].reason, 'low confidence');
  assert.equal(filterFindings(findings, FILES, { minConfidence: 0 }).kept.length, 2);
  assert.equal(filterFindings(findings, FILES, { minConfidence: 0.9 }).kept.length, 0);
});

test('deduplicates: same start line, or overlapping lines with the same title; the more confident wins', () => {
  const { kept, dropped } = filterFindings(
    [
      finding('src/a.ts', 12, 13, { title: 'Null dereference of user', confidence: 0.6 }),
      finding('src/a.ts', 12, 12, { title: 'user may be undefined here', confidence: 0.9 }),
      finding('src/a.ts', 13, 15, { title: 'null dereference of USER!', confidence: 0.7 }),
      finding('src/a.ts', 15, 16, { title: 'A different problem nearby', confidence: 0.7 }),
      finding('src/a.ts', 42, 42, { title: 'Null dereference of user', confidence: 0.6 }),
    ],
    FILES,
  );
  assert.deepEqual(kept.map((f) => [f.startLine, f.title]), [
    [12, 'user may be undefined here'],
    [13, 'null dereference of USER!'],
    [15, 'A different problem nearby'],
    [42, 'Null dereference of user'],
  ]);
  assert.deepEqual(dropped.map((d) => [d.finding.startLine, d.finding.confidence, d.reason]), [[12, 0.6, 'duplicate']]);
});

test('reversed ranges are normalised; lenient paths resolve to the diff path', () => {
  const { kept } = filterFindings(
    [finding('./src/a.ts', 14, 11), finding('b/src/a.ts', 44), finding('/repo/src/a.ts', 45, 45, { title: 'other' })],
    FILES,
    { root: '/repo' },
  );
  assert.deepEqual(kept.map((f) => [f.path, f.startLine, f.endLine]), [
    ['src/a.ts', 11, 14],
    ['src/a.ts', 44, 44],
    ['src/a.ts', 45, 45],
  ]);
  const map = new Map(FILES.map((f) => [f.path, f]));
  assert.equal(matchPath('/elsewhere/src/a.ts', map, '/repo'), undefined);
  assert.equal(matchPath('src/A.ts', map), undefined);
});
