// Undo and revert through the REAL CLI against the fake model server: `tandem undo`
// puts the staging area back byte for byte (a file a sandboxed command wrote included),
// and `--revert` writes back applied changes three-way (a user's later edit elsewhere
// is kept; an overlapping one is a conflict). The sandboxed-command case is skipped
// where the sandbox is unavailable.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { detectSandbox } from '../../src/core/index';
import { fakeModelServers, makeRepo, modelFlags, read, runCli, sessionIdOf, tempDir } from './harness';

const server = fakeModelServers();
let noSandbox: string | false = false;
before(async () => {
  const s = await detectSandbox();
  if (!s.available) noSandbox = `the sandbox is not available: ${s.reason}`;
});

const patch = (file: string, from: string, to: string) => ({
  toolCalls: [{ name: 'apply_patch', arguments: JSON.stringify({ patch: `*** Begin Patch\n*** Update File: ${file}\n@@\n-${from}\n+${to}\n*** End Patch` }) }],
});
const shell = (command: string) => ({ toolCalls: [{ name: 'shell', arguments: JSON.stringify({ command }) }] });

/** Every file under dir (relative path -> bytes as base64). */
function tree(dir: string, rel = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(path.join(dir, rel))) {
    const child = rel ? `${rel}/${name}` : name;
    if (statSync(path.join(dir, child)).isDirectory()) Object.assign(out, tree(dir, child));
    else out[child] = readFileSync(path.join(dir, child)).toString('base64');
  }
  return out;
}

/** The staging area's state: every layer file's bytes, and each entry's kind, source and base bytes. */
function stagingState(home: string, id: string) {
  const dir = path.join(home, 'sessions', id, 'staging');
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { entries: Record<string, { kind: string; from?: string; base: string | null }> };
  const entries = Object.fromEntries(
    Object.entries(manifest.entries).map(([p, e]) => [p, { kind: e.kind, from: e.from, base: e.base === null ? null : readFileSync(path.join(dir, 'base', e.base)).toString('base64') }]),
  );
  return { layer: tree(path.join(dir, 'layer')), entries };
}

test('undo of turn 2 restores the staging area byte for byte to its state after turn 1, command output included', async (t) => {
  if (noSandbox) return t.skip(noSandbox);
  const s = await server();
  const repo = makeRepo({ 'src/a.ts': 'export const a = 1;\n', 'out/keep.txt': 'kept\n' });
  const env = { TANDEM_HOME: tempDir('tandem-undo-') };
  s.enqueue(patch('src/a.ts', 'export const a = 1;', 'export const a = 2;'), shell("printf 'build 1\\n' > out/build.txt && rm out/keep.txt"), { text: 'Turn one.' });
  const one = await runCli(['exec', '--cwd', repo, ...modelFlags(s.baseUrl, 'chat'), 'First'], env);
  assert.equal(one.code, 0, one.stderr);
  const id = sessionIdOf(one.stderr);
  const afterOne = stagingState(env.TANDEM_HOME, id);
  assert.equal(Buffer.from(afterOne.layer['out/build.txt'], 'base64').toString(), 'build 1\n');
  assert.equal(afterOne.entries['out/keep.txt'].kind, 'delete');

  s.enqueue(patch('src/a.ts', 'export const a = 2;', 'export const a = 3;'), shell("printf 'build 2\\n' > out/build.txt && printf 'x' > out/extra.bin && mv src/a.ts src/b.ts"), { text: 'Turn two.' });
  const two = await runCli(['resume', id, ...modelFlags(s.baseUrl, 'chat'), 'Second'], env);
  assert.equal(two.code, 0, two.stderr);
  assert.notDeepEqual(stagingState(env.TANDEM_HOME, id), afterOne);

  const undo = await runCli(['undo', id, '--turn', '2'], env);
  assert.equal(undo.code, 0, undo.stderr);
  assert.match(undo.stderr, /Turn 2 undone: staged changes restored for/);
  assert.deepEqual(stagingState(env.TANDEM_HOME, id), afterOne);
  // the user's folder was never touched
  assert.equal(read(repo, 'src/a.ts'), 'export const a = 1;\n');
  assert.equal(read(repo, 'out/keep.txt'), 'kept\n');

  // the agent hears about it on its next request
  s.enqueue({ text: 'Noted.' });
  const three = await runCli(['resume', id, ...modelFlags(s.baseUrl, 'chat'), 'Third'], env);
  assert.equal(three.code, 0, three.stderr);
  const last = s.modelRequests().at(-1)!;
  const note = last.input.find((e) => e.type === 'message' && e.content.startsWith('[Review]'));
  assert.match((note as { content: string }).content, /undid the turn "Second" and everything after it/);
});

for (const [wire, overlap] of [['responses', false], ['chat', true]] as const) {
  test(`${wire}: revert of an applied change ${overlap ? 'with an overlapping user edit reports a conflict' : 'keeps a later user edit elsewhere in the file'}`, async () => {
    const s = await server();
    const lines = Array.from({ length: 12 }, (_, i) => `line ${i + 1}`);
    const original = `${lines.join('\n')}\n`;
    const repo = makeRepo({ 'notes.txt': original });
    const env = { TANDEM_HOME: tempDir('tandem-revert-') };
    s.enqueue(patch('notes.txt', 'line 3', 'line three'), { text: 'Changed line 3.' });
    const one = await runCli(['exec', '--cwd', repo, ...modelFlags(s.baseUrl, wire), 'Spell out line 3'], env);
    assert.equal(one.code, 0, one.stderr);
    const id = sessionIdOf(one.stderr);
    assert.equal((await runCli(['apply', id], env)).code, 0);
    const applied = read(repo, 'notes.txt');
    assert.match(applied, /line three/);
    // the user edits the file afterwards
    const edited = overlap ? applied.replace('line three', 'line 3, my way') : applied.replace('line 10', 'line ten (mine)');
    writeFileSync(path.join(repo, 'notes.txt'), edited);

    const r = await runCli(['undo', id, '--revert'], env);
    if (overlap) {
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /not reverted: notes\.txt: conflict with your edits at line 3/);
      assert.equal(read(repo, 'notes.txt'), edited, 'nothing written on a conflict');
    } else {
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /reverted: notes\.txt/);
      assert.equal(read(repo, 'notes.txt'), original.replace('line 10', 'line ten (mine)'));
    }
  });
}
