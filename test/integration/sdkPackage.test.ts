// The SDK as users get it: the package is built (scripts/buildSdk.mjs, what prepack runs)
// and packed with `npm pack` from a copy of the package root (so this test never writes
// the repository's dist/ while other tests read it), the tarball is installed offline
// in a temporary folder (its dependencies from the npm cache), and a plain-Node ESM
// script there (no tsx, no checkout: examples/sdk-fanout.mjs, the example docs/SDK.md
// quotes) runs agents in parallel with outputSchema against the fake model server.
// Also: require() of the CJS entry, and the types as a TypeScript user compiles them.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, copyFileSync, mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { startFakeModelServer, type FakeModelServer, type RecordedRequest } from '../fakes/fakeModelServer';
import { makeRepo, tempDir, ROOT } from './harness';
import { taskOf } from './subagentScript';

const run = promisify(execFile);

/**
 * A lockfile for the user's folder: the tarball, and the package's runtime dependencies
 * as the repository's lockfile pins them (resolved URL and integrity). With it `npm ci
 * --offline` takes every tarball from the npm cache by its integrity, with no registry
 * metadata (which `npm ci` never cached).
 */
function userLockfile(tarball: string): object {
  const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; devOptional?: boolean }> };
  const root = lock.packages[''] as { version: string; dependencies: Record<string, string>; bin: unknown; engines: unknown; license: string };
  const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
  const packages: Record<string, unknown> = {
    '': { name: 'sdk-user', dependencies: { tandem: `file:${tarball}` } },
    'node_modules/tandem': { version: root.version, resolved: `file:${tarball}`, integrity, license: root.license, dependencies: root.dependencies, bin: root.bin, engines: root.engines },
  };
  for (const [at, entry] of Object.entries(lock.packages)) if (at.startsWith('node_modules/') && !entry.dev && !entry.devOptional) packages[at] = entry;
  return { name: 'sdk-user', lockfileVersion: 3, requires: true, packages };
}
let server: FakeModelServer | undefined;
after(async () => {
  await server?.close();
});


test('npm pack, install offline, and a plain ESM script gets validated structured output from two agents in parallel', async () => {
  // a copy of the package root: package.json and what .npmignore ships
  const pkgRoot = tempDir('tandem-sdk-pkg-');
  for (const f of ['package.json', '.npmignore', 'README.md', 'LICENSE']) copyFileSync(path.join(ROOT, f), path.join(pkgRoot, f));
  cpSync(path.join(ROOT, 'bin'), path.join(pkgRoot, 'bin'), { recursive: true });
  mkdirSync(path.join(pkgRoot, 'docs'));
  for (const f of ['SDK.md', 'CLI.md']) copyFileSync(path.join(ROOT, 'docs', f), path.join(pkgRoot, 'docs', f));
  await run(process.execPath, [path.join(ROOT, 'scripts', 'buildSdk.mjs'), '--out', pkgRoot], { cwd: ROOT });
  const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', pkgRoot], { cwd: pkgRoot });
  const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
  const shipped = info.files.map((f) => f.path).sort();
  for (const f of ['dist/sdk/index.mjs', 'dist/sdk/index.cjs', 'dist/sdk/index.d.ts', 'dist/sdk/index.d.mts', 'dist/sdk/tree-sitter-bash.wasm', 'docs/SDK.md']) assert.ok(shipped.includes(f), `${f} in ${shipped.join(', ')}`);
  assert.ok(!shipped.some((f) => f.startsWith('src/') || f.startsWith('test/')), 'no sources in the package');

  // a user's folder: the tarball installed offline, its dependencies from the npm cache;
  // no tsx, no checkout above it
  const user = tempDir('tandem-sdk-user-');
  const tarball = path.join(pkgRoot, info.filename);
  writeFileSync(path.join(user, 'package.json'), JSON.stringify({ name: 'sdk-user', private: true, type: 'module', dependencies: { tandem: `file:${tarball}` } }));
  writeFileSync(path.join(user, 'package-lock.json'), JSON.stringify(userLockfile(tarball)));
  await run('npm', ['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: user });
  assert.ok(existsSync(path.join(user, 'node_modules', 'tandem', 'dist', 'sdk', 'index.mjs')));
  assert.ok(!existsSync(path.join(user, 'node_modules', 'tsx')), 'the script runs without tsx');
  const example = readFileSync(path.join(ROOT, 'examples', 'sdk-fanout.mjs'), 'utf8');
  assert.ok(readFileSync(path.join(ROOT, 'docs', 'SDK.md'), 'utf8').includes(example.trim()), 'docs/SDK.md quotes examples/sdk-fanout.mjs whole');
  writeFileSync(path.join(user, 'fanout.mjs'), example);

  server = await startFakeModelServer();
  const firsts: RecordedRequest[] = [];
  let release: () => void = () => {};
  const both = new Promise<void>((r) => (release = r));
  server.setHandler(async (r) => {
    const file = /^Read (\S+)\./.exec(taskOf(r))?.[1] ?? '?';
    if (file === 'bad.txt') return { text: JSON.stringify({ file, summary: 'bad', todos: 'many' }) };
    firsts.push(r);
    if (firsts.length === 2) release();
    await both; // the two agents' requests are in flight together
    return { text: JSON.stringify({ file, summary: `what ${file} does`, todos: file === 'a.txt' ? 0 : 2 }) };
  });
  const repo = makeRepo({ 'a.txt': 'a\n', 'b.txt': 'b // TODO x\n', 'bad.txt': '?\n' });
  const env = { PATH: process.env.PATH ?? '', HOME: tempDir('tandem-sdk-h-'), TANDEM_HOME: tempDir('tandem-sdk-home-'), OPENAI_BASE_URL: server.baseUrl, OPENAI_API_KEY: 'sk-test', TANDEM_MODEL: 'fake-model', FANOUT_CONCURRENCY: '2' };
  const out = await run(process.execPath, ['fanout.mjs', repo, 'a.txt', 'b.txt', 'bad.txt'], { cwd: user, env });
  assert.deepEqual(JSON.parse(out.stdout), [
    { file: 'a.txt', summary: 'what a.txt does', todos: 0 },
    { file: 'b.txt', summary: 'what b.txt does', todos: 2 },
    { file: 'bad.txt', error: "The agent's final answer does not match the output schema at /todos: must be integer." },
  ]);
  // the model was asked for JSON of that shape (a local server: Chat Completions response_format)
  for (const r of server.modelRequests()) {
    assert.equal(r.wire, 'chat');
    assert.equal(r.body.response_format.type, 'json_schema');
    assert.deepEqual(r.body.response_format.json_schema.schema.required, ['file', 'summary', 'todos']);
  }
  assert.equal(firsts.length, 2);

  // the CommonJS entry, and the types as a TypeScript user sees them
  const cjs = await run(process.execPath, ['-e', "const s = require('tandem/sdk'); console.log(typeof s.createAgent, typeof s.OutputSchemaError)"], { cwd: user });
  assert.equal(cjs.stdout.trim(), 'function function');
  writeFileSync(
    path.join(user, 'check.ts'),
    "import { createAgent, type Agent, type SessionEvent, type SubagentItem } from 'tandem/sdk';\n" +
      'export const make: (o: Parameters<typeof createAgent>[0]) => Promise<Agent> = createAgent;\n' +
      "export const card = (e: SessionEvent): SubagentItem | undefined => (e.type === 'subagent/updated' ? e.item : undefined);\n",
  );
  // the package's types need @types/node, as any Node library's do: the repository's
  const typeRoots = [path.join(ROOT, 'node_modules', '@types')];
  writeFileSync(path.join(user, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'node16', moduleResolution: 'node16', strict: true, noEmit: true, skipLibCheck: false, typeRoots, types: ['node'] }, files: ['check.ts'] }));
  const tsc = await run(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: user }).catch((err: { stdout: string }) => ({ stdout: err.stdout, failed: true }));
  assert.ok(!('failed' in tsc), `the package's types do not compile:\n${tsc.stdout}`);
});
