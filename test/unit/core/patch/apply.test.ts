import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyPatchText, PatchApplyError, type SourceFile } from '../../../../src/core/patch/index';

const wrap = (...body: string[]) => `*** Begin Patch\n${body.join('\n')}\n*** End Patch`;
const files = (o: Record<string, SourceFile>) => new Map(Object.entries(o));

/** Applies a patch to one file and returns its new content. */
function update(content: string, ...hunk: string[]): string {
  const r = applyPatchText(wrap('*** Update File: f.txt', ...hunk), files({ 'f.txt': content }));
  const a = r.actions[0];
  assert.ok(a && a.type === 'write', `expected a write, got ${JSON.stringify(r.actions)}`);
  return a.content;
}

function applyError(patch: string, f: Record<string, SourceFile>): string {
  try {
    applyPatchText(patch, files(f));
  } catch (e) {
    assert.ok(e instanceof PatchApplyError, `expected PatchApplyError, got ${String(e)}`);
    return e.message;
  }
  assert.fail('expected the patch to fail');
}

test('update: exact match replaces a line', () => {
  assert.equal(update('a\nb\nc\n', '@@', ' a', '-b', '+B', ' c'), 'a\nB\nc\n');
});

test('update: trailing-whitespace level keeps the file context lines verbatim', () => {
  assert.equal(update('a  \nb\n', '@@', ' a', '-b', '+B'), 'a  \nB\n');
});

test('update: indentation-insensitive level matches and keeps the file indentation of context', () => {
  assert.equal(update('  if (x) {\n    go();\n  }\n', '@@', ' if (x) {', '-go();', '+    stop();'), '  if (x) {\n    stop();\n  }\n');
});

test('update: Unicode punctuation level matches curly quotes and dashes', () => {
  const src = 'msg = \u201Chi\u201D\nrange = 1\u20132\n';
  assert.equal(update(src, '@@', ' msg = "hi"', '-range = 1-2', '+range = 1-3'), 'msg = \u201Chi\u201D\nrange = 1-3\n');
});

test('update: exact match is preferred over an earlier fuzzy match', () => {
  assert.equal(update('  x\ny\nx\n', '@@', '-x', '+z'), '  x\ny\nz\n');
});

test('update: several hunks in order', () => {
  assert.equal(update('1\n2\n3\n4\n5\n', '@@', '-2', '+two', '@@', '-4', '+four'), '1\ntwo\n3\nfour\n5\n');
});

test('update: hunks out of file order fail and say so', () => {
  const msg = applyError(wrap('*** Update File: f', '@@', '-4', '+four', '@@', '-2', '+two'), { f: '1\n2\n3\n4\n' });
  assert.match(msg, /only before the previous hunk/);
});

test('ambiguous context without an anchor fails and lists the places', () => {
  const msg = applyError(wrap('*** Update File: f', '@@', '-  return 0', '+  return 1'), {
    f: 'def a():\n  return 0\ndef b():\n  return 0\n',
  });
  assert.match(msg, /match 2 places \(starting at lines 2, 4\)/);
  assert.match(msg, /@@ <line>/);
});

test('ambiguous context is resolved by an @@ anchor', () => {
  assert.equal(update('def a():\n  return 0\ndef b():\n  return 0\n', '@@ def b():', '-  return 0', '+  return 1'), 'def a():\n  return 0\ndef b():\n  return 1\n');
});

test('nested @@ anchors narrow the search in turn', () => {
  const src = 'class A:\n  def f():\n    pass\nclass B:\n  def f():\n    pass\n';
  assert.equal(update(src, '@@ class B:', '@@   def f():', '-    pass', '+    return 2'), 'class A:\n  def f():\n    pass\nclass B:\n  def f():\n    return 2\n');
});

test('ambiguity is resolved by order: the second hunk searches after the first', () => {
  const src = 'x\nmid\nx\n';
  assert.equal(update(src, '@@', ' mid', '@@', '-x', '+y'), 'x\nmid\ny\n');
});

test('an anchor that cannot be found is reported with nearest lines', () => {
  const msg = applyError(wrap('*** Update File: f', '@@ def missing_fn():', '-a', '+b'), { f: 'def missing_fun():\na\n' });
  assert.match(msg, /Could not find the @@ line "def missing_fn\(\):"/);
  assert.match(msg, /1: def missing_fun\(\):/);
});

test('failed match shows the lines it could not find and the nearest candidates with line numbers', () => {
  const src = ['import os', '', 'def main():', '    print("hello world")', '    return 0', ''].join('\n');
  const msg = applyError(wrap('*** Update File: m.py', '@@', '     print("hello, world")', '-    return 1', '+    return 2'), { 'm.py': src });
  assert.match(msg, /Could not find the lines of hunk 1 of m\.py \(patch line 3\)/);
  assert.match(msg, /print\("hello, world"\)/);
  assert.match(msg, /The nearest lines in m\.py:\n\s+4: {5}print\("hello world"\)\n\s+5: {5}return 0/);
});

test('*** End of File matches at the end even when the lines also appear earlier', () => {
  assert.equal(update('end\nmiddle\nend\n', '@@', '-end', '+END', '*** End of File'), 'end\nmiddle\nEND\n');
});

test('*** End of File falls back to the normal search when the end does not match', () => {
  assert.equal(update('a\nb\nc\n', '@@', '-b', '+B', '*** End of File'), 'a\nB\nc\n');
});

test('pure addition without anchor appends at the end of the file', () => {
  assert.equal(update('a\n', '@@', '+b'), 'a\nb\n');
});

test('an unanchored pure addition followed by more hunks: appended at the end, the others placed as usual (as codex)', () => {
  assert.equal(update('line1\nline2\nline3\n', '+after', '@@', ' line1', '-line2', '+two'), 'line1\ntwo\nline3\nafter\n');
  assert.equal(update('a\nb\nc\n', '@@', '+end', '@@', '-a', '+A', '@@', ' c', '+d'), 'A\nb\nc\nd\nend\n');
});

test('pure addition after an anchor inserts right after it', () => {
  assert.equal(update('head\nbody\n', '@@ head', '+inserted'), 'head\ninserted\nbody\n');
});

test('CRLF files keep CRLF on new and old lines', () => {
  assert.equal(update('a\r\nb\r\nc\r\n', '@@', ' a', '-b', '+B', '+B2', ' c'), 'a\r\nB\r\nB2\r\nc\r\n');
});

test('mixed line endings stay untouched outside the edit', () => {
  assert.equal(update('a\r\nb\r\nc\nd\r\n', '@@', '-b', '+B'), 'a\r\nB\r\nc\nd\r\n');
});

test('a patch with CRLF line ends applies to an LF file', () => {
  const r = applyPatchText('*** Begin Patch\r\n*** Update File: f\r\n@@\r\n-a\r\n+b\r\n*** End Patch\r\n', files({ f: 'a\n' }));
  assert.deepEqual(r.actions, [{ type: 'write', path: 'f', content: 'b\n' }]);
});

test('no trailing newline is kept when the last line is modified', () => {
  assert.equal(update('a\nb', '@@', ' a', '-b', '+c'), 'a\nc');
});

test('no trailing newline is kept when a middle line changes', () => {
  assert.equal(update('a\nb\nc', '@@', '-a', '+A'), 'A\nb\nc');
});

test('no trailing newline is kept when the last line is deleted', () => {
  assert.equal(update('a\nb', '@@', ' a', '-b'), 'a');
});

test('adding lines at the end of a file without trailing newline ends it with a newline', () => {
  assert.equal(update('a\nb', '@@', ' b', '+c'), 'a\nb\nc\n');
  assert.equal(update('a\nb', '@@', '+c'), 'a\nb\nc\n');
});

test('empty file: update by appending, and add an empty file', () => {
  assert.equal(update('', '@@', '+first'), 'first\n');
  const r = applyPatchText(wrap('*** Add File: empty.txt'), files({}));
  assert.deepEqual(r.actions, [{ type: 'write', path: 'empty.txt', content: '' }]);
  assert.deepEqual(r.changes, [{ path: 'empty.txt', kind: 'add', added: 0, removed: 0 }]);
});

test('deleting every line of a file leaves it empty', () => {
  assert.equal(update('only\n', '@@', '-only'), '');
});

test('context line shown for the empty line after the final newline is tolerated', () => {
  assert.equal(update('a\nb\n', '@@', ' a', '-b', '+c', ' '), 'a\nc\n');
});

test('a BOM is preserved', () => {
  assert.equal(update('\uFEFFa\nb\n', '@@', '-a', '+A'), '\uFEFFA\nb\n');
});

test('add file: content and counts', () => {
  const r = applyPatchText(wrap('*** Add File: src/n.ts', '+x', '+y'), files({}));
  assert.deepEqual(r.actions, [{ type: 'write', path: 'src/n.ts', content: 'x\ny\n' }]);
  assert.deepEqual(r.changes, [{ path: 'src/n.ts', kind: 'add', added: 2, removed: 0 }]);
});

test('add file over an existing file is refused', () => {
  assert.match(applyError(wrap('*** Add File: a', '+x'), { a: 'old\n' }), /Cannot add a: it already exists.*Update File/);
});

test('delete file: action and counts; deleting a missing file fails', () => {
  const r = applyPatchText(wrap('*** Delete File: a'), files({ a: '1\n2\n' }));
  assert.deepEqual(r.actions, [{ type: 'delete', path: 'a' }]);
  assert.deepEqual(r.changes, [{ path: 'a', kind: 'delete', added: 0, removed: 2 }]);
  assert.match(applyError(wrap('*** Delete File: nope'), {}), /Cannot delete nope: the file does not exist/);
});

test('updating a missing file fails', () => {
  assert.match(applyError(wrap('*** Update File: nope', '@@', '-a', '+b'), {}), /Cannot update nope: the file does not exist/);
});

test('updating an unreadable (binary) file fails with the reason', () => {
  assert.match(applyError(wrap('*** Update File: img', '@@', '-a', '+b'), { img: { unreadable: 'it is a binary file' } }), /Cannot update img: it is a binary file/);
});

test('move without changes is a rename', () => {
  const r = applyPatchText(wrap('*** Update File: a.ts', '*** Move to: b.ts'), files({ 'a.ts': 'x\n' }));
  assert.deepEqual(r.actions, [{ type: 'rename', from: 'a.ts', to: 'b.ts', content: 'x\n' }]);
  assert.deepEqual(r.changes, [{ path: 'b.ts', kind: 'rename', from: 'a.ts', added: 0, removed: 0 }]);
});

test('move plus update renames with new content and counts', () => {
  const r = applyPatchText(wrap('*** Update File: a.ts', '*** Move to: lib/b.ts', '@@', ' x', '-y', '+Y'), files({ 'a.ts': 'x\ny\n' }));
  assert.deepEqual(r.actions, [{ type: 'rename', from: 'a.ts', to: 'lib/b.ts', content: 'x\nY\n' }]);
  assert.deepEqual(r.changes, [{ path: 'lib/b.ts', kind: 'rename', from: 'a.ts', added: 1, removed: 1 }]);
});

test('move onto an existing file is refused', () => {
  assert.match(applyError(wrap('*** Update File: a', '*** Move to: b'), { a: '1\n', b: '2\n' }), /Cannot move a to b: b already exists/);
});

test('operations apply in order: add then update the same file', () => {
  const r = applyPatchText(wrap('*** Add File: n', '+a', '*** Update File: n', '@@', '-a', '+b'), files({}));
  assert.deepEqual(r.actions, [{ type: 'write', path: 'n', content: 'b\n' }]);
});

test('a three-file patch whose third file fails throws and yields no actions', () => {
  const patch = wrap(
    '*** Add File: one.txt',
    '+1',
    '*** Update File: two.txt',
    '@@',
    '-old',
    '+new',
    '*** Update File: three.txt',
    '@@',
    '-not there',
    '+x',
  );
  const input = { 'two.txt': 'old\n', 'three.txt': 'something else\n' };
  let result: unknown;
  assert.throws(() => {
    result = applyPatchText(patch, files(input));
  }, /Could not find the lines of hunk 1 of three\.txt/);
  assert.equal(result, undefined);
  // The inputs are not mutated.
  assert.deepEqual(input, { 'two.txt': 'old\n', 'three.txt': 'something else\n' });
});

test('folders: deleting, adding over or updating one is refused; nothing is created under a file', () => {
  const f = { dir: { folder: true } as const, 'dir/x': 'x\n', file: 'f\n' };
  assert.match(applyError(wrap('*** Add File: a', '+a', '*** Delete File: dir'), f), /Cannot delete dir: it is a folder/);
  assert.match(applyError(wrap('*** Add File: dir', '+a'), f), /Cannot add dir: it is a folder/);
  assert.match(applyError(wrap('*** Update File: dir', '@@', '-a', '+b'), f), /Cannot update dir: it is a folder/);
  assert.match(applyError(wrap('*** Add File: file/y', '+y'), f), /Cannot add file\/y: file is a file/);
  assert.match(applyError(wrap('*** Add File: n/y', '+y', '*** Add File: n', '+n'), f), /Cannot add n: it is a folder/);
  // a path the patch frees can be reused, and the actions are ordered so staging can follow them
  const r = applyPatchText(wrap('*** Add File: file/y', '+y', '*** Update File: dir/x', '*** Move to: file/x'), files({ ...f, file: undefined }));
  assert.deepEqual(r.actions.map((a) => a.type), ['rename', 'write']);
  const freed = applyPatchText(wrap('*** Add File: file/y', '+y', '*** Delete File: dir/x'), files({ dir: { folder: true }, 'dir/x': 'x\n' }));
  assert.deepEqual(freed.actions.map((a) => a.type), ['delete', 'write']);
});

test('modify counts come from a line diff', () => {
  const r = applyPatchText(wrap('*** Update File: f', '@@', ' a', '-b', '-c', '+B', ' d'), files({ f: 'a\nb\nc\nd\n' }));
  assert.deepEqual(r.changes, [{ path: 'f', kind: 'modify', added: 1, removed: 2 }]);
});

test('an empty patch is refused', () => {
  assert.match(applyError('*** Begin Patch\n*** End Patch', {}), /no file operations/);
});

test('an edit whose old and new lines are equal produces no action', () => {
  const r = applyPatchText(wrap('*** Update File: f', '@@', '-a', '+a'), files({ f: 'a\n' }));
  assert.deepEqual(r.actions, []);
});

test('an anchor repeated as the first context line still matches', () => {
  assert.equal(update('def a():\n  x = 1\ndef b():\n  x = 1\n', '@@ def b():', ' def b():', '-  x = 1', '+  x = 2'), 'def a():\n  x = 1\ndef b():\n  x = 2\n');
});

test('an anchor with only added lines inserts after the anchor even at the end of a file without newline', () => {
  assert.equal(update('a\nlast', '@@ last', '+appended'), 'a\nlast\nappended\n');
});

test('a second hunk cannot match inside the first one', () => {
  const msg = applyError(wrap('*** Update File: f', '@@', ' a', '-b', '+B', '@@', '-a', '+A'), { f: 'a\nb\n' });
  assert.match(msg, /hunk 2 of f.*only before the previous hunk/s);
});
