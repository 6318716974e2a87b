// src/core/util: path normalisation and text helpers shared across the core.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { ancestors, isInsideRoot, normalizeFilePath, normalizeRelativePath, parentPath, toWorkspacePath } from '../../../../src/core/util/paths';
import { asText, bytesEqual, decodeUtf8Strict, detectEol, encodeUtf8, isBinary, matchEol, splitLines, splitLinesKeepEol } from '../../../../src/core/util/text';
import { PathOutsideWorkspaceError } from '../../../../src/core/workspace/types';

test('normalizeRelativePath cleans and refuses escapes', () => {
  assert.equal(normalizeRelativePath('./src//a.ts/'), 'src/a.ts');
  assert.equal(normalizeRelativePath('src\\win\\a.ts'), 'src/win/a.ts');
  assert.equal(normalizeRelativePath('a/../b'), 'b');
  assert.equal(normalizeRelativePath('.'), '');
  assert.equal(normalizeRelativePath(''), '');
  assert.equal(normalizeRelativePath('..foo/bar'), '..foo/bar'); // a name, not a parent step
  for (const bad of ['/etc/passwd', '..', '../a', 'a/../../b', 'C:\\x', 'c:x', '\\\\server\\share', 'a\0b']) {
    assert.throws(() => normalizeRelativePath(bad), PathOutsideWorkspaceError, bad);
  }
  assert.throws(() => normalizeFilePath('.'), /workspace folder itself/);
});

test('segment-wise containment, never string prefix', () => {
  assert.equal(isInsideRoot('/work/root', '/work/root'), true);
  assert.equal(isInsideRoot('/work/root', '/work/root/a/b'), true);
  assert.equal(isInsideRoot('/work/root', '/work/rootx/a'), false);
  assert.equal(isInsideRoot('/work/root', '/work'), false);
  assert.equal(isInsideRoot('/work/root', '/work/root/..x'), true);
  assert.equal(toWorkspacePath('/work/root', '/work/root/a/b.ts'), 'a/b.ts');
  assert.equal(toWorkspacePath('/work/root', '/elsewhere'), undefined);
  assert.equal(parentPath('a/b/c'), 'a/b');
  assert.deepEqual(ancestors('a/b/c'), ['a/b', 'a']);
});

test('binary sniffing and strict UTF-8 decoding', () => {
  assert.equal(isBinary(new Uint8Array([0x61, 0x00, 0x62])), true);
  assert.equal(isBinary(encodeUtf8('plain text\n')), false);
  assert.equal(decodeUtf8Strict(new Uint8Array([0xff, 0xfe, 0x41])), undefined);
  assert.equal(asText(new Uint8Array([0xc3, 0x28])), undefined);
  const bom = new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69]);
  assert.ok(bytesEqual(encodeUtf8(decodeUtf8Strict(bom)!), bom), 'BOM survives a round trip');
});

test('EOL detection, matching and line splitting', () => {
  assert.equal(detectEol('a\r\nb\r\n'), 'crlf');
  assert.equal(detectEol('a\nb'), 'lf');
  assert.equal(detectEol('a\r\nb\n'), 'mixed');
  assert.equal(detectEol('abc'), 'none');
  assert.equal(matchEol('a\nb\n', 'crlf'), 'a\r\nb\r\n');
  assert.equal(matchEol('a\r\nb\r\n', 'lf'), 'a\nb\n');
  assert.equal(matchEol('a\r\nb\n', 'lf'), 'a\r\nb\n', 'mixed content is left alone');
  assert.deepEqual(splitLinesKeepEol('a\r\nb\rc\nd'), ['a\r\n', 'b\rc\n', 'd']);
  assert.deepEqual(splitLines('a\r\nb\n'), { lines: ['a', 'b'], finalNewline: true });
  assert.deepEqual(splitLines('a\nb'), { lines: ['a', 'b'], finalNewline: false });
  assert.deepEqual(splitLines(''), { lines: [], finalNewline: false });
});
