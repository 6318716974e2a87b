import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePatch, PatchParseError } from '../../../../src/core/patch/parser';

const wrap = (body: string) => `*** Begin Patch\n${body}\n*** End Patch`;

test('parses add, delete, update with move and anchors', () => {
  const p = parsePatch(
    wrap(
      [
        '*** Add File: a/new.txt',
        '+one',
        '+',
        '+three',
        '*** Delete File: old.txt',
        '*** Update File: src/x.py',
        '*** Move to: src/y.py',
        '@@ class A',
        '@@ def f():',
        ' keep',
        '-    pass',
        '+    return 1',
        '*** End of File',
      ].join('\n'),
    ),
  );
  assert.equal(p.ops.length, 3);
  assert.deepEqual(p.ops[0], { type: 'add', path: 'a/new.txt', lines: ['one', '', 'three'], patchLine: 2 });
  assert.deepEqual(p.ops[1], { type: 'delete', path: 'old.txt', patchLine: 6 });
  const u = p.ops[2];
  assert.ok(u.type === 'update');
  assert.equal(u.moveTo, 'src/y.py');
  assert.equal(u.chunks.length, 1);
  assert.deepEqual(u.chunks[0].anchors, ['class A', 'def f():']);
  assert.deepEqual(u.chunks[0].oldLines, ['keep', '    pass']);
  assert.deepEqual(u.chunks[0].newLines, ['keep', '    return 1']);
  assert.equal(u.chunks[0].endOfFile, true);
});

test('first chunk may omit @@; later chunks need it', () => {
  const p = parsePatch(wrap('*** Update File: f\n a\n-b\n+c\n@@\n d\n+e'));
  const u = p.ops[0];
  assert.ok(u.type === 'update');
  assert.equal(u.chunks.length, 2);
  assert.deepEqual(u.chunks[1].oldLines, ['d']);
  assert.equal(u.chunks[1].appendsAfter, true);
  assert.equal(u.chunks[0].appendsAfter, false);
});

test('a bare blank line inside a chunk is empty context; trailing blank lines are dropped', () => {
  const p = parsePatch(wrap('*** Update File: f\n@@\n a\n\n-b\n+c\n\n\n*** Delete File: g'));
  const u = p.ops[0];
  assert.ok(u.type === 'update');
  assert.deepEqual(u.chunks[0].oldLines, ['a', '', 'b']);
  assert.deepEqual(u.chunks[0].newLines, ['a', '', 'c']);
  assert.equal(p.ops[1].type, 'delete');
});

test('accepts a heredoc wrapper, apply_patch prefix, CRLF and surrounding blank lines', () => {
  for (const text of [
    "<<'EOF'\n*** Begin Patch\n*** Delete File: x\n*** End Patch\nEOF\n",
    'apply_patch <<"PATCH"\n*** Begin Patch\n*** Delete File: x\n*** End Patch\nPATCH',
    '\n\n  *** Begin Patch\r\n*** Delete File: x\r\n*** End Patch\r\n\n',
    '```diff\n*** Begin Patch\n*** Delete File: x\n*** End Patch\n```',
  ]) {
    assert.deepEqual(parsePatch(text).ops, [{ type: 'delete', path: 'x', patchLine: parsePatch(text).ops[0].patchLine }]);
  }
});

test('a heredoc whose closing tag does not match is not unwrapped', () => {
  assert.throws(() => parsePatch("<<'EOF'\n*** Begin Patch\n*** Delete File: x\n*** End Patch\nEND"), /must start with "\*\*\* Begin Patch"/);
});

test('missing End Patch says the patch may be cut off', () => {
  assert.throws(() => parsePatch('*** Begin Patch\n*** Add File: a\n+x'), (e: unknown) => {
    assert.ok(e instanceof PatchParseError);
    assert.match(e.message, /must end with "\*\*\* End Patch".*cut off/);
    return true;
  });
});

test('missing Begin Patch is a clear error', () => {
  assert.throws(() => parsePatch('*** Add File: a\n+x\n*** End Patch'), /must start with "\*\*\* Begin Patch" \(found "\*\*\* Add File: a"\)/);
});

test('unknown header names the line and lists valid headers', () => {
  assert.throws(() => parsePatch(wrap('*** Create File: a\n+x')), (e: unknown) => {
    assert.ok(e instanceof PatchParseError);
    assert.equal(e.line, 2);
    assert.match(e.message, /line 2: Unknown line "\*\*\* Create File: a".*Add File/);
    return true;
  });
});

test('unknown *** header inside an update is refused', () => {
  assert.throws(() => parsePatch(wrap('*** Update File: a\n@@\n-x\n+y\n*** Rename File: b')), /Unknown header "\*\*\* Rename File: b"/);
});

test('a hunk line without a prefix is refused with its line number', () => {
  assert.throws(() => parsePatch(wrap('*** Update File: a\n@@\n-x\noops\n+y')), /line 5: Every hunk line must start with " "/);
});

test('an update with no hunks and no move is refused', () => {
  assert.throws(() => parsePatch(wrap('*** Update File: a')), /has no changes/);
});

test('text after End Patch is refused', () => {
  assert.throws(() => parsePatch('*** Begin Patch\n*** Delete File: a\n*** End Patch\n*** Delete File: b\n*** End Patch'), /Text follows/);
});

test('add file lines must start with +', () => {
  assert.throws(() => parsePatch(wrap('*** Add File: a\n+x\ny')), /must start with "\+"/);
});

test('unified-diff hunk headers are accepted and their numbers ignored', () => {
  const p = parsePatch(wrap('*** Update File: a\n@@ -3,2 +3,2 @@ def f():\n-x\n+y'));
  const u = p.ops[0];
  assert.ok(u.type === 'update');
  assert.deepEqual(u.chunks[0].anchors, ['def f():']);
});

test('an empty Begin/End pair parses to no operations', () => {
  assert.deepEqual(parsePatch('*** Begin Patch\n*** End Patch').ops, []);
});

test('an Environment ID line after Begin Patch is accepted and ignored; an empty one is refused', () => {
  const p = parsePatch('*** Begin Patch\n*** Environment ID: remote\n*** Add File: a.txt\n+a\n*** End Patch');
  assert.deepEqual(p.ops, [{ type: 'add', path: 'a.txt', lines: ['a'], patchLine: 3 }]);
  assert.throws(() => parsePatch('*** Begin Patch\n*** Environment ID:  \n*** Add File: a.txt\n+a\n*** End Patch'), /line 2: "\*\*\* Environment ID:" needs an environment id/);
  assert.throws(() => parsePatch(wrap('*** Add File: a.txt\n+a\n*** Environment ID: remote')), /Every line of "\*\*\* Add File: a\.txt" must start with "\+"/);
});
