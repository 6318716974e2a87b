import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describeTarget, mergeMcpServers, parseMcpServers, serverFingerprint } from '../../../../src/core/mcp/config';
import { loadMcpConfig, McpConfigError } from '../../../../src/core/mcp/configFiles';
import { createFileMcpMemory, createMemoryMcpMemory } from '../../../../src/core/mcp/memory';
import { tempDir } from '../agent/helpers';

test('the shape users copy between tools parses; bad entries are skipped with their reason', () => {
  const parsed = parseMcpServers(
    {
      mcpServers: {
        files: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', '.'], env: { DEBUG: '1' }, alwaysAllow: ['x'] },
        web: { url: 'https://mcp.example.com/mcp', headers: { Authorization: 'Bearer t' } },
        old: { type: 'sse', url: 'http://localhost:9000/sse' },
        off: { command: 'x', disabled: true, timeout: 5 },
        off2: { command: 'y', enabled: false },
        both: { command: 'x', url: 'http://a' },
        neither: {},
        badArgs: { command: 'x', args: 'not a list' },
        badEnv: { command: 'x', env: { N: 1 } },
        badUrl: { url: 'ftp://x' },
        'a/b': { command: 'x' },
        wrongType: { type: 'sse', command: 'x' },
      },
    },
    'user',
    'mcp.json',
  );
  assert.deepEqual(
    parsed.entries.map((e) => e.name),
    ['files', 'web', 'old', 'off', 'off2'],
  );
  assert.deepEqual(parsed.entries[0].config, { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', '.'], env: { DEBUG: '1' } });
  assert.equal((parsed.entries[2].config as { transport?: string }).transport, 'sse');
  assert.deepEqual(parsed.entries[3].config, { command: 'x', disabled: true, timeout: 5 });
  assert.equal(parsed.entries[4].config.disabled, true);
  const problems = parsed.problems.join('\n');
  for (const name of ['both', 'neither', 'badArgs', 'badEnv', 'badUrl', 'a/b', 'wrongType']) assert.match(problems, new RegExp(`"${name.replace('/', '\\/')}"`));
  assert.match(problems, /server "both" has both "command" and "url"; keep one; it is skipped\./);
  assert.match(problems, /"env"\.N must be a string/);
});

test('a bare map (the setting) and garbage values', () => {
  assert.deepEqual(parseMcpServers({ s: { command: 'c' } }, 'user', 'setting').entries.map((e) => e.name), ['s']);
  assert.match(parseMcpServers([1, 2], 'user', 'x').problems[0], /expected an object/);
  assert.match(parseMcpServers({ mcpServers: 3 }, 'user', 'x').problems[0], /must be an object/);
  assert.deepEqual(parseMcpServers(undefined, 'user', 'x'), { entries: [], problems: [] });
});

test('merge: later sources win and the replacement is reported', () => {
  const ws = parseMcpServers({ mcpServers: { github: { command: 'evil' }, only: { command: 'w' } } }, 'workspace', 'repo/.tandem/mcp.json');
  const user = parseMcpServers({ mcpServers: { github: { command: 'gh-mcp' } } }, 'user', '~/.tandem/mcp.json');
  const merged = mergeMcpServers(ws, user);
  const github = merged.entries.find((e) => e.name === 'github')!;
  assert.equal(github.source, 'user');
  assert.equal((github.config as { command: string }).command, 'gh-mcp');
  assert.match(merged.problems[0], /Server "github" from repo\/\.tandem\/mcp\.json is replaced by the one in ~\/\.tandem\/mcp\.json/);
});

test('the fingerprint changes with anything that decides what runs, not with timeouts', () => {
  const base = { command: 'node', args: ['s.js'], env: { A: '1', B: '2' } };
  const fp = serverFingerprint(base);
  assert.equal(serverFingerprint({ ...base, env: { B: '2', A: '1' } }), fp, 'env order does not matter');
  assert.equal(serverFingerprint({ ...base, timeout: 9, disabled: true }), fp);
  for (const changed of [{ ...base, args: ['t.js'] }, { ...base, env: { A: '1' } }, { ...base, cwd: 'sub' }, { ...base, command: 'nodejs' }]) assert.notEqual(serverFingerprint(changed), fp);
  assert.notEqual(serverFingerprint({ url: 'http://a/mcp' }), serverFingerprint({ url: 'http://b/mcp' }));
  assert.equal(describeTarget({ command: 'npx', args: ['-y', 'a b', "it's"] }), `npx -y 'a b' 'it'\\''s'`);
});

test('files: the workspace file is lowest, --mcp-config highest; a named file must exist and parse', async () => {
  const root = tempDir('tandem-mcpcfg-');
  mkdirSync(path.join(root, '.tandem'));
  writeFileSync(path.join(root, '.tandem', 'mcp.json'), JSON.stringify({ mcpServers: { a: { command: 'ws-a' }, w: { command: 'ws-w' } } }));
  const home = path.join(root, 'home.json');
  writeFileSync(home, JSON.stringify({ mcpServers: { a: { command: 'home-a' }, b: { command: 'home-b' } } }));
  const flag = path.join(root, 'flag.json');
  writeFileSync(flag, JSON.stringify({ mcpServers: { b: { command: 'flag-b' } } }));
  const loaded = await loadMcpConfig({ workspaceRoot: root, setting: { s: { url: 'http://x/mcp' } }, userFiles: [{ path: home }, { path: flag, required: true }] });
  const by = Object.fromEntries(loaded.entries.map((e) => [e.name, e]));
  assert.equal((by.a.config as { command: string }).command, 'home-a');
  assert.equal((by.b.config as { command: string }).command, 'flag-b');
  assert.equal(by.w.source, 'workspace');
  assert.equal(by.s.origin, 'setting tandem.mcpServers');
  // a missing optional file is nothing; a broken optional file is a problem; a named one throws
  const missing = await loadMcpConfig({ userFiles: [{ path: path.join(root, 'none.json') }] });
  assert.deepEqual(missing, { entries: [], problems: [] });
  writeFileSync(path.join(root, 'bad.json'), '{ nope');
  const broken = await loadMcpConfig({ userFiles: [{ path: path.join(root, 'bad.json') }] });
  assert.match(broken.problems[0], /bad\.json is not valid JSON.*Its servers are not loaded\./);
  await assert.rejects(loadMcpConfig({ userFiles: [{ path: path.join(root, 'bad.json'), required: true }] }), McpConfigError);
  await assert.rejects(loadMcpConfig({ userFiles: [{ path: path.join(root, 'none.json'), required: true }] }), /does not exist/);
});

for (const [kind, make] of [
  ['file', () => createFileMcpMemory(path.join(tempDir('tandem-mcpmem-'), 'sub', 'mcp-approvals.json'))],
  ['memory', () => createMemoryMcpMemory()],
] as const) {
  test(`${kind} memory remembers approvals by workspace and tools by scope`, async () => {
    const m = make();
    assert.equal(await m.approvedServer('/ws', 's'), undefined);
    await Promise.all([m.approveServer('/ws', 's', 'fp1'), m.allowToolAlways('user', 's', 't'), m.allowToolAlways('user', 's', 'u')]);
    assert.equal(await m.approvedServer('/ws', 's'), 'fp1');
    assert.equal(await m.approvedServer('/other', 's'), undefined);
    assert.equal(await m.isToolAlwaysAllowed('user', 's', 't'), true);
    assert.equal(await m.isToolAlwaysAllowed('user', 's', 'u'), true, 'concurrent changes are both kept');
    assert.equal(await m.isToolAlwaysAllowed('/ws', 's', 't'), false);
  });
}

test('a corrupt memory file grants nothing and is replaced on the next change', async () => {
  const file = path.join(tempDir('tandem-mcpmem-'), 'm.json');
  writeFileSync(file, '{"version":1,"workspaceServers":');
  const m = createFileMcpMemory(file);
  assert.equal(await m.isToolAlwaysAllowed('user', 's', 't'), false);
  await m.allowToolAlways('user', 's', 't');
  assert.equal(await createFileMcpMemory(file).isToolAlwaysAllowed('user', 's', 't'), true);
});
