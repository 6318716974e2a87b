// The SHIPPED CLI: builds with the real build script, copies what a package ships
// (bin/tandem.js, dist/cli.js and the wasm files next to it: the shell parser's, the WebP decoder's) into a temporary
// folder with no node_modules anywhere above it, and runs `node bin/tandem.js exec`
// there against the fake model server. This proves the bundle is self-contained: the
// shell parser finds its wasm next to dist/cli.js (see src/core/policy/shellParse.ts),
// not through the repository's node_modules or cwd.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startFakeModelServer, type FakeModelServer } from '../fakes/fakeModelServer';
import { ROOT, makeRepo, read, tempDir } from './harness';
import { makeWebp } from '../fakes/images';

let server: FakeModelServer | undefined;
after(async () => {
  await server?.close();
});

function run(cmd: string, args: string[], cwd: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b) => (stdout += b));
    child.stderr.on('data', (b) => (stderr += b));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test('the bundled CLI (node bin/tandem.js) runs a task with a parsed shell command, outside the repository', async () => {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'pipe' });
  const pkg = tempDir('tandem-pkg-');
  mkdirSync(path.join(pkg, 'bin'));
  mkdirSync(path.join(pkg, 'dist'));
  copyFileSync(path.join(ROOT, 'bin', 'tandem.js'), path.join(pkg, 'bin', 'tandem.js'));
  for (const f of ['cli.js', 'web-tree-sitter.wasm', 'tree-sitter-bash.wasm', 'webp_dec.wasm']) copyFileSync(path.join(ROOT, 'dist', f), path.join(pkg, 'dist', f));

  server = await startFakeModelServer();
  // untrusted policy: a command runs without asking only if the bash parser (wasm)
  // classifies it as a known-safe read; if the grammar could not load, it would ask, and
  // with no terminal the CLI denies
  server.enqueue({ toolCalls: [{ name: 'shell', arguments: JSON.stringify({ command: 'cat notes.txt | wc -l' }) }] }, { text: 'notes.txt has two lines.' });
  const repo = makeRepo({ 'notes.txt': 'one\ntwo\n' });
  const env = { PATH: process.env.PATH ?? '', HOME: tempDir('tandem-pkg-home-'), OPENAI_API_KEY: 'sk-test', TANDEM_HOME: tempDir('tandem-pkg-state-') };
  const r = await run(
    process.execPath,
    [path.join(pkg, 'bin', 'tandem.js'), 'exec', '--json', '--approval', 'untrusted', '--base-url', server.baseUrl, '--wire', 'chat', '--model', 'fake-model', '--max-retries', '0', 'How many lines?'],
    repo,
    env,
  );
  assert.equal(r.code, 0, r.stderr);
  const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  const cmd = events.find((e) => e.type === 'item/completed' && e.item.type === 'command_execution')?.item;
  assert.ok(cmd, `no command ran:\n${r.stdout}\n${r.stderr}`);
  assert.equal(cmd.status, 'completed', cmd.output);
  assert.equal(cmd.exitCode, 0);
  assert.match(cmd.output, /^\s*2\s*$/);
  const toolOutput = server.modelRequests()[1].input.at(-1);
  assert.equal(toolOutput?.type, 'function_call_output');
  assert.match((toolOutput as { output: string }).output, /Exit code: 0/);
  assert.equal(events.at(-1).type, 'cli/summary');
  assert.equal(events.at(-1).status, 'completed');
  assert.equal(read(repo, 'notes.txt'), 'one\ntwo\n');

  // a WebP over the size limit: decoded (wasm next to the bundle), downscaled, sent as PNG
  writeFileSync(path.join(pkg, 'wide.webp'), await makeWebp(2100, 60));
  server.enqueue({ text: 'A wide strip.' });
  const img = await run(process.execPath, [path.join(pkg, 'bin', 'tandem.js'), 'exec', '--base-url', server.baseUrl, '--wire', 'responses', '--model', 'fake-model', '--image', path.join(pkg, 'wide.webp'), 'What is it?'], repo, env);
  assert.equal(img.code, 0, img.stderr);
  const sent = server.modelRequests().at(-1)!.input[0];
  assert.deepEqual(sent.type === 'message' && sent.images?.map((i) => [i.mime, i.width, i.height]), [['image/png', 2048, 59]]);

  const version = await run(process.execPath, [path.join(pkg, 'bin', 'tandem.js'), '--version'], repo, env);
  assert.equal(version.code, 0);
  assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
});
