// The real CLI with no terminal (stdin is not a TTY): every action the policy would ask
// about (a command with no sandbox, a network escalation, a write to a protected path,
// a read of a secret file) is refused without asking, the model is told it needed
// approval that no one could give (not that the user declined), and stderr shows each
// one once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fakeModelServers, makeRepo, runCli, modelFlags, tempDir } from './harness';

const server = fakeModelServers();
const call = (name: string, args: unknown) => ({ toolCalls: [{ name, arguments: JSON.stringify(args) }] });
const PATCH = ['*** Begin Patch', '*** Add File: .vscode/settings.json', '+{ "x": 1 }', '*** End Patch'].join('\n');

for (const json of [false, true]) {
  test(`no terminal${json ? ' (--json)' : ''}: asks nobody, says so to the model, prints each refusal once`, async () => {
    const s = await server();
    s.enqueue(
      call('shell', { command: 'touch made-by-agent.txt' }),
      call('shell', { command: 'curl -s https://example.com/probe', escalation: 'network', justification: 'probe' }),
      call('apply_patch', { patch: PATCH }),
      call('read_file', { path: '.env' }),
      { text: 'Could not do it without approval.' },
    );
    const repo = makeRepo({ '.env': 'TOKEN=1\n' });
    const r = await runCli(
      ['exec', '--cwd', repo, '--sandbox', 'off', ...(json ? ['--json'] : []), ...modelFlags(s.baseUrl, 'chat'), 'Do the things'],
      { TANDEM_HOME: tempDir('tandem-it-home-') },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.equal(existsSync(path.join(repo, 'made-by-agent.txt')), false);
    const reqs = s.modelRequests();
    assert.equal(reqs.length, 5);
    for (let i = 1; i <= 4; i++) {
      const out = (reqs[i].input.at(-1) as { output?: string }).output ?? '';
      assert.doesNotMatch(out, /declined/i, `request ${i}: ${out}`);
      assert.match(out, /needs the user's approval, and none could be given: .*without a terminal.*\. No one was asked\./, `request ${i}: ${out}`);
    }
    if (json) {
      assert.equal(r.stderr, '', 'nothing but events');
      return;
    }
    const count = (needle: string) => r.stderr.split('\n').filter((l) => l.includes(needle)).length;
    assert.equal(count('touch made-by-agent.txt'), 1, r.stderr);
    assert.equal(count('curl -s https://example.com/probe'), 1, r.stderr);
    assert.equal(count('.vscode/settings.json'), 1, r.stderr);
    assert.equal(count('.env'), 1, r.stderr);
    assert.match(r.stderr, /✗ \$ touch made-by-agent\.txt: Needs approval; no one could be asked/);
    assert.doesNotMatch(r.stderr, /staged add \.vscode/, 'a refused write is not reported as staged');
  });
}
