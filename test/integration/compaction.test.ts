// A long session through the real CLI: it compacts at least twice and still finishes,
// and no request the fake server received exceeded the context window.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeModelServer, type FakeModelServer, type RecordedRequest } from '../fakes/fakeModelServer';
import { makeRepo, runCli, modelFlags, tempDir } from './harness';

const WINDOW = 10_000;
const FILES = 10;
const servers: FakeModelServer[] = [];
after(async () => {
  for (const s of servers) await s.close();
});

const isCompaction = (r: RecordedRequest) => {
  const last = r.input.at(-1);
  return last?.type === 'message' && last.role === 'user' && last.content.includes('Your context window is almost full');
};

for (const wire of ['responses', 'chat'] as const) {
  test(`${wire}: a session compacts twice and finishes with every request under the window`, async () => {
    const s = await startFakeModelServer();
    servers.push(s);
    let step = 0;
    let summaries = 0;
    s.setHandler((req) => {
      if (isCompaction(req)) return { text: `SUMMARY-${++summaries}: the user asked to read big0..big${FILES - 1}.txt; read up to big${step - 1}.txt.` };
      const i = step++;
      if (i < FILES) return { toolCalls: [{ name: 'read_file', arguments: JSON.stringify({ path: `big${i}.txt` }) }] };
      return { text: 'Read every file.' };
    });
    const files: Record<string, string> = {};
    for (let i = 0; i < FILES; i++) files[`big${i}.txt`] = Array.from({ length: 150 }, (_, n) => `file ${i} line ${n} ${'lorem ipsum '.repeat(3)}`).join('\n') + '\n';
    const repo = makeRepo(files);
    const r = await runCli(['exec', '--cwd', repo, '--json', '--context-window', String(WINDOW), ...modelFlags(s.baseUrl, wire), 'Read all the big files'], { TANDEM_HOME: tempDir('tandem-it-home-') });
    assert.equal(r.code, 0, r.stderr);
    const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    const compactions = events.filter((e) => e.type === 'item/completed' && e.item.type === 'compaction');
    assert.ok(compactions.length >= 2, `compacted ${compactions.length} times`);
    for (const c of compactions) assert.ok(c.item.tokensAfter < c.item.tokensBefore);
    assert.equal(events.find((e) => e.type === 'turn/completed')?.aborted, undefined);

    const reqs = s.modelRequests();
    assert.ok(reqs.filter(isCompaction).length >= 2);
    // the fake server counts a request's input tokens as its body bytes / 4
    for (const q of reqs) {
      const tokens = Math.ceil(Buffer.byteLength(JSON.stringify(q.body)) / 4);
      assert.ok(tokens <= WINDOW, `request #${q.index} has ~${tokens} tokens, over the ${WINDOW} window`);
    }
    // after a compaction the history is [user messages..., summary] and grows from there
    const firstAfter = reqs[reqs.findIndex(isCompaction) + 1];
    const contents = firstAfter.input.map((e) => (e.type === 'message' ? e.content : e.type));
    assert.equal(contents[0], 'Read all the big files');
    assert.match(String(contents[1]), /SUMMARY-1/);
    const last = reqs.at(-1)!;
    assert.match(JSON.stringify(last.input), new RegExp(`SUMMARY-${summaries}`));
    assert.equal(step, FILES + 1, 'every file was read and the model answered');
    assert.equal(r.stdout.includes('"text":"Read every file."'), true);
  });
}
