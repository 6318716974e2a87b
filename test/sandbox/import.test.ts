// Importing what a sandboxed command wrote (issue 16, class 5; issue 10, fix 5): entries
// that cannot be staged are skipped and reported while the rest is staged; the import
// honours per-command caps (the user is asked beyond them); an abort stops it; the model
// is told the command ran; and `mv` is staged as a rename, as apply_patch's Move to is.
// Every test runs against the real sandbox and is skipped, with the reason, without it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { makeHarness, sandboxSkipReason, snapshot, type HarnessOptions } from './harness';
import { shellTool } from '../../src/core/tools/shell';
import { makeContext } from '../unit/core/tools/helpers';

async function withHarness(t: { skip(reason: string): void }, fn: (h: Awaited<ReturnType<typeof makeHarness>>) => Promise<void>, options?: HarnessOptions) {
  const reason = await sandboxSkipReason();
  if (reason) {
    console.log(`skipped: ${reason}`);
    t.skip(reason);
    return;
  }
  const h = await makeHarness(options);
  try {
    await fn(h);
  } finally {
    await h.dispose();
  }
}

// A path longer than PATH_MAX (4096 bytes), built with relative mkdir/cd steps.
const LONG_PATH = 'd=$(printf "x%.0s" $(seq 200)); (for i in $(seq 22); do mkdir "$d" && cd "$d" || exit 1; done; echo deep > f) ';

test('entries that cannot be staged are skipped and reported; the rest is staged', async (t) => {
  await withHarness(t, async (h) => {
    const before = await snapshot(h.ws);
    const r = await h.run(`touch 'back\\slash'; mkdir -p 'dir\\x' && echo y > 'dir\\x/in.txt'; ${LONG_PATH}; truncate -s 3G big.bin; mkfifo pipe; echo ok > ok.txt; echo also > src/also.txt; exit 0`, { timeoutMs: 60_000 });
    assert.equal(r.exitCode, 0, r.output);
    assert.deepEqual(r.stagedPaths, ['ok.txt', 'src/also.txt']);
    const notes = (r.notes ?? []).join('\n');
    assert.match(notes, /back\\slash/);
    assert.match(notes, /backslash/);
    assert.match(notes, /big\.bin/);
    assert.match(notes, /2 GiB/);
    assert.match(notes, /too long|PATH_MAX/i);
    assert.match(notes, /pipe/);
    assert.deepEqual((await h.staging.stagedPaths()).map((p) => p.path), ['ok.txt', 'src/also.txt']);
    assert.deepEqual(await snapshot(h.ws), before);
  });
});

test('the model is told the command ran and what was not staged (never "could not be started")', async (t) => {
  await withHarness(t, async (h) => {
    const ctx = makeContext({ view: h.staging, staging: h.staging, shell: h.shell, plainShell: h.shell });
    const r = await shellTool.run({ command: 'truncate -s 3G big.bin; touch "a\\b"; echo ok > ok.txt' }, ctx);
    assert.doesNotMatch(r.output, /could not be started/);
    assert.match(r.output, /Exit code: 0/);
    assert.match(r.output, /2 files? (were )?not staged|not staged/);
    assert.match(r.output, /big\.bin/);
    assert.match(r.output, /ok\.txt/);
  });
});

test('beyond the per-command caps the user is asked; declined, nothing is staged and the model is told why', async (t) => {
  await withHarness(
    t,
    async (h) => {
      const cmd = 'for i in $(seq 30); do echo $i > f$i.txt; done';
      const asked: unknown[] = [];
      const no = await h.run(cmd, { confirmImport: async (s) => (asked.push(s), false) });
      assert.equal(asked.length, 1);
      assert.deepEqual(no.stagedPaths, []);
      assert.deepEqual(await h.staging.stagedPaths(), []);
      assert.match((no.notes ?? []).join('\n'), /30 files.*not staged|not staged.*30 files/s);
      const none = await h.run(cmd);
      assert.deepEqual(none.stagedPaths, [], 'with no one to ask, it is refused');
      assert.match((none.notes ?? []).join('\n'), /limit/);
      const yes = await h.run(cmd, { confirmImport: async () => true });
      assert.equal(yes.stagedPaths?.length, 30);
    },
    { importLimits: { maxFiles: 10 } },
  );
});

test('the byte cap counts what the command wrote', async (t) => {
  await withHarness(
    t,
    async (h) => {
      const r = await h.run('head -c 300000 /dev/zero > a.bin; echo small > b.txt', { confirmImport: async () => false });
      assert.deepEqual(r.stagedPaths, []);
      assert.match((r.notes ?? []).join('\n'), /MB|bytes/);
    },
    { importLimits: { maxBytes: 100_000 } },
  );
});

test('an abort stops the command and nothing more is staged', async (t) => {
  await withHarness(t, async (h) => {
    const ac = new AbortController();
    const r = await h.run('for i in $(seq 300); do echo $i > f$i.txt; done; echo WROTE-ALL; sleep 30', {
      signal: ac.signal,
      onOutput: (text) => {
        if (text.includes('WROTE-ALL')) ac.abort();
      },
    });
    assert.equal(r.aborted, true);
    assert.deepEqual(r.stagedPaths, []);
    assert.deepEqual(await h.staging.stagedPaths(), []);
    assert.match((r.notes ?? []).join('\n'), /stopped|not staged/);
  });
});

test('mv is staged as a rename, with its edits when the content changed too', async (t) => {
  await withHarness(t, async (h) => {
    await fs.mkdir(path.join(h.ws, 'lib'), { recursive: true });
    await fs.writeFile(path.join(h.ws, 'lib', 'util.ts'), Array.from({ length: 20 }, (_, i) => `export const v${i} = ${i};`).join('\n') + '\n');
    await fs.writeFile(path.join(h.ws, 'lib', 'other.ts'), 'export const other = 1;\n');
    const r = await h.run('mv src/a.ts src/b.ts && mv README.md DOC.md && echo "more" >> DOC.md && mv lib/util.ts lib/helpers.ts && sed -i "s/v3 = 3/v3 = 33/" lib/helpers.ts && mkdir pkg && mv lib/other.ts pkg/');
    assert.equal(r.exitCode, 0, r.output);
    const changes = (await h.staging.changes()).map((c) => [c.kind, c.from ?? '', c.path, c.added, c.removed]);
    assert.deepEqual(changes, [
      ['rename', 'README.md', 'DOC.md', 1, 0],
      ['rename', 'lib/util.ts', 'lib/helpers.ts', 1, 1],
      ['rename', 'lib/other.ts', 'pkg/other.ts', 0, 0],
      ['rename', 'src/a.ts', 'src/b.ts', 0, 0],
    ]);
    // and a moved folder
    const d = await h.run('mv pkg pkg2');
    assert.equal(d.exitCode, 0, d.output);
    assert.deepEqual((await h.staging.changes()).filter((c) => c.path.startsWith('pkg2')).map((c) => [c.kind, c.from, c.path]), [['rename', 'lib/other.ts', 'pkg2/other.ts']]);
  });
});
