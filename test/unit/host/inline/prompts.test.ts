// Prompt and attachments of focused sessions, and which diagnostics get the quick fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { focusedAttachments, focusedText, formatDiagnostic, SURROUNDING_LINES, type FocusRequest } from '../../../../src/host/inline/prompts';
import { fixableDiagnostics, intersects, MAX_DIAGNOSTICS, type DiagLike } from '../../../../src/host/inline/actionFilter';

const base: FocusRequest = {
  kind: 'fix',
  path: 'src/broken.ts',
  startLine: 40,
  endLine: 40,
  selectedText: '',
  lineCount: 50,
  diagnostics: [{ message: "Type 'string' is not assignable to type 'number'.", severity: 'error', line: 40, column: 7, source: 'ts', code: '2322' }],
};

test('fix: names the problem, asks for a staged change, attaches diagnostics and ±30 lines', () => {
  const text = focusedText(base);
  assert.match(text, /^Fix the error at src\/broken\.ts:40 \("Type 'string' is not assignable/);
  assert.match(text, /apply_patch/);
  const att = focusedAttachments(base);
  assert.deepEqual(att, [
    { type: 'diagnostics', text: "src/broken.ts:40:7 error ts 2322: Type 'string' is not assignable to type 'number'." },
    { type: 'file', path: 'src/broken.ts', range: { startLine: 40 - SURROUNDING_LINES, endLine: 50 } },
  ]);
});

test('explain: the selection is attached, the text forbids edits; the range clamps at line 1', () => {
  const r: FocusRequest = { ...base, kind: 'explain', startLine: 2, endLine: 4, selectedText: 'a\nb\nc', diagnostics: [] };
  assert.match(focusedText(r), /Explain the code at src\/broken\.ts \(lines 2-4\).*do not change any files/s);
  assert.deepEqual(focusedAttachments(r), [
    { type: 'selection', path: 'src/broken.ts', text: 'a\nb\nc', startLine: 2, endLine: 4 },
    { type: 'file', path: 'src/broken.ts', range: { startLine: 1, endLine: 34 } },
  ]);
});

test('edit: carries the instruction; several diagnostics are counted', () => {
  const r: FocusRequest = { ...base, kind: 'edit', instruction: '  use a for loop ' };
  assert.match(focusedText(r), /^Edit the code at src\/broken\.ts:40: use a for loop\n/);
  const two: FocusRequest = { ...base, diagnostics: [...base.diagnostics, { ...base.diagnostics[0], line: 41, message: 'second' }] };
  assert.match(focusedText(two), /and the 1 other problem\(s\) listed/);
  assert.equal(formatDiagnostic('x.ts', { message: 'm', severity: 'warning', line: 1, column: 2 }), 'x.ts:1:2 warning: m');
});

const d = (severity: number, line: number, source = 'ts'): DiagLike => ({ severity, source, range: { start: { line, character: 2 }, end: { line, character: 9 } } });
const at = (line: number, character = 0) => ({ start: { line, character }, end: { line, character } });

test('quick fix: errors and warnings touching the range, not info/hints or our own', () => {
  const all = [d(2, 3), d(1, 3), d(0, 3), d(3, 3), d(0, 3, 'Tandem'), d(0, 7)];
  const got = fixableDiagnostics(all, at(3, 5));
  assert.deepEqual(got, [all[2], all[1]], 'error first, then warning; other lines and severities left out');
  assert.deepEqual(fixableDiagnostics(all, at(5)), []);
  // an empty cursor range at the diagnostic's edge still counts
  assert.ok(intersects(all[0].range, at(3, 9)));
  assert.ok(!intersects(all[0].range, at(3, 10)));
  const many = Array.from({ length: 9 }, () => d(0, 1));
  assert.equal(fixableDiagnostics(many, at(1, 3)).length, MAX_DIAGNOSTICS);
});
