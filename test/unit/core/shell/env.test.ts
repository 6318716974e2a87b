// The command environment is an allow list (issue 16, class 6): ordinary variables
// (PATH, HOME, locale, toolchain homes...) plus what the user configures. Anything else,
// in particular credentials under names no deny list could guess, never reaches a command.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commandEnv } from '../../../../src/core/shell/env';
import { createNodeShell } from '../../../../src/core/shell/nodeShell';

const INHERITED = {
  PATH: '/usr/bin:/bin',
  HOME: '/home/u',
  LANG: 'C.UTF-8',
  LC_ALL: 'C.UTF-8',
  TERM: 'xterm',
  NODE_OPTIONS: '--max-old-space-size=4096',
  DATABASE_URL: 'postgres://u:pw@db/prod',
  GEMINI_KEY: 'g-secret',
  OPENROUTER_KEY: 'or-secret',
  SENTRY_DSN: 'https://key@sentry.io/1',
  NODE_AUTH_TOKEN: 'npm-secret',
  npm_config__authToken: 'npm-secret-2',
  PROJECT_MODE: 'dev',
  PROJECT_TOKEN: 'p-secret',
};

test('only ordinary variables are inherited', () => {
  const env = commandEnv(INHERITED, undefined);
  assert.deepEqual(Object.keys(env).sort(), ['HOME', 'LANG', 'LC_ALL', 'NODE_OPTIONS', 'PATH', 'TERM']);
});

test('configured names and NAME_* prefixes are added; secret-looking names still need an exact name', () => {
  const env = commandEnv(INHERITED, undefined, {}, ['DATABASE_URL', 'PROJECT_*']);
  assert.equal(env.DATABASE_URL, INHERITED.DATABASE_URL, 'an exact configured name passes (the user chose it)');
  assert.equal(env.PROJECT_MODE, 'dev');
  assert.equal(env.PROJECT_TOKEN, undefined, 'a prefix does not carry a token-looking name');
  assert.equal(env.GEMINI_KEY, undefined);
  assert.deepEqual(commandEnv(INHERITED, undefined, {}, ['PROJECT_TOKEN']).PROJECT_TOKEN, 'p-secret');
});

test('explicit request entries and overrides are kept', () => {
  const env = commandEnv(INHERITED, { EXPLICIT: 'yes' }, { TMPDIR: '/tmp' });
  assert.equal(env.EXPLICIT, 'yes');
  assert.equal(env.TMPDIR, '/tmp');
});

test('the plain shell passes the allow list, with what the user configured', async () => {
  const shell = createNodeShell({ baseEnv: INHERITED, envAllow: ['PROJECT_MODE'] });
  const r = await shell.run({ command: 'env', cwd: process.cwd(), timeoutMs: 10_000, signal: new AbortController().signal });
  assert.doesNotMatch(r.output, /secret|DATABASE_URL|SENTRY_DSN/);
  assert.match(r.output, /PROJECT_MODE=dev/);
  assert.match(r.output, /LANG=C\.UTF-8/);
});
