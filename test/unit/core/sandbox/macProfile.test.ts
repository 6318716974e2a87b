import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateMacProfile, sbplString } from '../../../../src/core/sandbox/macos/profile';

const base = { cloneDir: '/private/var/folders/x/clone', tmpDir: '/private/var/folders/x/tmp', homeDir: '/Users/me' };

test('the macOS profile denies by default and denies network', () => {
  const p = generateMacProfile(base);
  assert.match(p, /^\(version 1\)\n\(deny default\)/);
  assert.match(p, /\(deny network\*\)/);
  assert.doesNotMatch(p, /\(allow network/);
});

test('writes are allowed only to the clone and the private tmp, .git stays read-only', () => {
  const p = generateMacProfile(base);
  const writes = p.split('\n').filter((l) => l.startsWith('(allow file-write*'));
  assert.equal(writes.length, 1);
  assert.equal(writes[0], '(allow file-write* (subpath "/private/var/folders/x/clone") (subpath "/private/var/folders/x/tmp") (literal "/dev/null") (literal "/dev/tty"))');
  assert.match(p, /\(deny file-write\* \(subpath "\/private\/var\/folders\/x\/clone\/\.git"\)\)/);
});

test('the home directory is not readable', () => {
  const p = generateMacProfile(base);
  assert.match(p, /\(deny file-read\* \(subpath "\/Users\/me"\)\)/);
});

test('network is granted only when asked', () => {
  assert.match(generateMacProfile({ ...base, network: true }), /\(allow network\*\)/);
});

test('paths are quoted: quotes and backslashes cannot break out of the string', () => {
  assert.equal(sbplString('/a"b\\c'), '"/a\\"b\\\\c"');
  const p = generateMacProfile({ ...base, cloneDir: '/tmp/x") (allow network*) ("' });
  assert.ok(p.includes('"/tmp/x\\") (allow network*) (\\""'), p);
  assert.ok(!p.split('\n').some((l) => l.startsWith('(allow network')));
  assert.throws(() => generateMacProfile({ ...base, tmpDir: 'relative' }));
  assert.throws(() => sbplString('a\0b'));
});
