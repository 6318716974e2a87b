// examples/library.ts (linked from the README) runs against the fake server, so it
// cannot rot silently.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startFakeModelServer } from '../fakes/fakeModelServer';
import { makeRepo, read, tempDir, ROOT } from './harness';
import { spawn } from 'node:child_process';

test('examples/library.ts drives a task that reads, edits and applies', async () => {
  const s = await startFakeModelServer();
  try {
    const patch = '*** Begin Patch\n*** Update File: hello.txt\n@@\n-hello\n+hello, world\n*** End Patch';
    s.enqueue(
      { toolCalls: [{ name: 'read_file', arguments: JSON.stringify({ path: 'hello.txt' }) }] },
      { toolCalls: [{ name: 'apply_patch', arguments: JSON.stringify({ patch }) }] },
      { text: 'Greeting extended.' },
    );
    const repo = makeRepo({ 'hello.txt': 'hello\n' });
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'examples', 'library.ts'), repo, 'Extend the greeting', '--apply'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: tempDir('tandem-ex-home-'), OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: s.baseUrl, TANDEM_MODEL: 'fake-model', TANDEM_HOME: tempDir('tandem-ex-') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (err += b));
    const code = await new Promise<number | null>((r) => child.on('close', r));
    assert.equal(code, 0, err);
    assert.equal(out, 'Greeting extended.\n');
    assert.match(err, /read_file \{"path":"hello.txt"\}/);
    assert.match(err, /applied: hello.txt/);
    assert.equal(read(repo, 'hello.txt'), 'hello, world\n');
    assert.equal(s.modelRequests().length, 3);
  } finally {
    await s.close();
  }
});
