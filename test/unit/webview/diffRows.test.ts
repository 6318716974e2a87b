// The inline diff's rows: line numbers on each side, no-newline markers, the caps, and
// the helpers the review controls are named and keyed by.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createElement as h } from 'react';
import { renderToString } from 'react-dom/server';
import {
  conflictsInMessage,
  diffRows,
  gutterDigits,
  hunkKey,
  hunksReviewable,
  hunkTarget,
  NO_NEWLINE,
  parseHunkHeader,
} from '../../../webview/components/changes/diffRows';
import { DiffView } from '../../../webview/components/changes/DiffView';

const compact = (rows: ReturnType<typeof diffRows>) => rows.map((r) => `${r.kind}:${r.old ?? ''}:${r.new ?? ''}:${r.text}`);

test('hunk headers parse with and without counts', () => {
  assert.deepEqual(parseHunkHeader('@@ -10,3 +12,4 @@'), { oldStart: 10, newStart: 12 });
  assert.deepEqual(parseHunkHeader('@@ -1 +1 @@ fn()'), { oldStart: 1, newStart: 1 });
  assert.equal(parseHunkHeader('not a header'), undefined);
});

test('rows number the old side for removed lines, the new side for added, both for context', () => {
  const rows = diffRows({ id: 'h0', header: '@@ -10,3 +20,3 @@', lines: [' a', '-b', '+B', ' c'] });
  assert.deepEqual(compact(rows), ['context:10:20:a', 'del:11::b', 'add::21:B', 'context:12:22:c']);
});

test('an added file counts from line 1 on the new side (header +0,0 / -0,0)', () => {
  assert.deepEqual(compact(diffRows({ id: 'h0', header: '@@ -0,0 +1,2 @@', lines: ['+x', '+y'] })), ['add::1:x', 'add::2:y']);
  assert.deepEqual(compact(diffRows({ id: 'h0', header: '@@ -1,1 +0,0 @@', lines: ['-gone'] })), ['del:1::gone']);
});

test('no-newline markers: from the hunk flags after the last line of each side, or from a backslash line in place', () => {
  const both = diffRows({ id: 'h0', header: '@@ -1,2 +1,2 @@', lines: ['-old', '+new'], oldNoNewlineAtEnd: true, newNoNewlineAtEnd: true });
  assert.deepEqual(compact(both), ['del:1::old', `note:::${NO_NEWLINE}`, 'add::1:new', `note:::${NO_NEWLINE}`]);
  const onlyNew = diffRows({ id: 'h0', header: '@@ -1,2 +1,2 @@', lines: ['-old', '+new'], newNoNewlineAtEnd: true });
  assert.deepEqual(compact(onlyNew), ['del:1::old', 'add::1:new', `note:::${NO_NEWLINE}`]);
  const sharedContext = diffRows({ id: 'h0', header: '@@ -1,2 +1,2 @@', lines: ['-a', '+A', ' end'], oldNoNewlineAtEnd: true, newNoNewlineAtEnd: true });
  assert.deepEqual(compact(sharedContext).slice(-2), ['context:2:2:end', `note:::${NO_NEWLINE}`], 'one marker when both sides end on the same line');
  const inBody = diffRows({ id: 'h0', header: '@@ -1 +1 @@', lines: ['-a', '\\ No newline at end of file', '+a'], newNoNewlineAtEnd: true });
  assert.deepEqual(compact(inBody), ['del:1::a', `note:::${NO_NEWLINE}`, 'add::1:a'], 'a marker in the body is not doubled by the flags');
});

test('an empty line and a line that is only a sign keep their text', () => {
  const rows = diffRows({ id: 'h0', header: '@@ -1,2 +1,2 @@', lines: [' ', '+', '-  x'] });
  assert.deepEqual(compact(rows), ['context:1:1:', 'add::2:', 'del:2::  x']);
});

test('the gutter is as wide as the widest line number', () => {
  assert.equal(gutterDigits(diffRows({ id: 'h', header: '@@ -998,3 +1002,1 @@', lines: [' a', '-b', '-c'] })), 4);
});

test('the diff view renders numbers, signs and spoken prefixes, and caps long hunks', () => {
  const html = renderToString(h(DiffView, { hunk: { id: 'h0', header: '@@ -7,2 +7,2 @@', lines: ['-const a = 1;', '+const a = 2;'] }, target: 'hunk 1 of 1 in a.ts' })).replace(/<!-- -->/g, '');
  assert.match(html, /class="diff-row diff-del"><span class="diff-ln" aria-hidden="true">7<\/span><span class="diff-ln" aria-hidden="true"><\/span><span class="diff-sign" aria-hidden="true">−<\/span>/);
  assert.match(html, /<span class="offscreen" translate="yes">removed: <\/span>const a = 1;/);
  assert.match(html, /<span class="offscreen" translate="yes">added: <\/span>const a = 2;/);
  assert.doesNotMatch(html, /Show more/);

  const lines = Array.from({ length: 5000 }, (_, i) => `+line ${i + 1}`);
  const big = renderToString(h(DiffView, { hunk: { id: 'h0', header: '@@ -0,0 +1,5000 @@', lines }, target: 'hunk 1 of 1 in big.ts', initialLimit: 100 })).replace(/<!-- -->/g, '');
  assert.equal(big.match(/class="diff-row /g)?.length, 100, 'only the first rows are rendered');
  assert.match(big, />Show more lines of hunk 1 of 1 in big.ts \(4,900 hidden\)</);
  assert.match(big, /line 100</);
  assert.doesNotMatch(big, /line 101</);
});

test('names, keys and which files are reviewable per hunk', () => {
  assert.equal(hunkTarget('src/a.ts', 1, 3), 'hunk 2 of 3 in src/a.ts');
  const base = { path: 'a', added: 1, removed: 1, stale: false, binary: false, hunks: [{ id: 'h0', header: '@@ -1 +1 @@', lines: ['-a', '+b'] }] };
  assert.equal(hunksReviewable({ ...base, kind: 'modify' }), true);
  assert.equal(hunksReviewable({ ...base, kind: 'add' }), false);
  assert.equal(hunksReviewable({ ...base, kind: 'rename', from: 'b' }), false);
  assert.equal(hunksReviewable({ ...base, kind: 'modify', binary: true }), false);
  const h0 = { id: 'h0', header: '@@ -1 +1 @@', lines: ['-a', '+b'] };
  assert.notEqual(hunkKey(h0), hunkKey({ ...h0, header: '@@ -9 +9 @@' }), 'a renumbered hunk is another hunk');
  assert.equal(hunkKey(h0), hunkKey({ ...h0 }));
});

test('conflicts of an all-files apply are found per path in the message', () => {
  const msg = 'Applied src/a.ts (2 of 2 hunks).\nNot applied: src/a.ts.bak (conflict with your edits at line 3).\nNot applied: src/b.ts (you changed the file).';
  const found = conflictsInMessage(msg, ['src/a.ts', 'src/a.ts.bak', 'src/b.ts', 'src/c.ts']);
  assert.deepEqual([...found.keys()].sort(), ['src/a.ts.bak', 'src/b.ts']);
  assert.match(found.get('src/b.ts')!, /you changed the file/);
  assert.equal(conflictsInMessage('Applied x.', ['x']).size, 0);
});
