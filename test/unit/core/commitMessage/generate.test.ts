// The commit message request against the fake server through the real `openai` SDK:
// what the model is given (diff, recent messages, AGENTS.md, a cut for huge diffs),
// what comes back (cleaned of fences and quotes), and that Cancel aborts the request.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeModelServer, type FakeModelServer } from '../../../fakes/fakeModelServer';
import { cleanCommitMessage, commitMessagePrompt, generateCommitMessage, CommitMessageError } from '../../../../src/core/index';

let server: FakeModelServer;
before(async () => (server = await startFakeModelServer()));
after(() => server.close());

const DIFF = 'diff --git a/src/a.ts b/src/a.ts\n--- a/src/a.ts\n+++ b/src/a.ts\n@@ -1 +1 @@\n-export const a = 1;\n+export const a = 2;\n';
const model = () => ({ model: 'fake-model', baseUrl: server.baseUrl, apiKey: 'k', wire: 'chat' as const });

test('the model gets the staged diff, the recent style and AGENTS.md; the answer comes back clean', async () => {
  server.reset();
  server.enqueue({ text: '```\nBump a to 2\n```' });
  const message = await generateCommitMessage({
    model: model(),
    diff: DIFF,
    recentMessages: ['core: fix the parser', 'cli: add --json'],
    instructions: 'Commit subjects start with the folder name.',
  });
  assert.equal(message, 'Bump a to 2');
  const [req] = server.modelRequests();
  const user = req.input.map((e) => (e.type === 'message' ? e.content : '')).join('\n');
  assert.match(user, /export const a = 2;/);
  assert.match(user, /core: fix the parser/);
  assert.match(user, /Commit subjects start with the folder name\./);
  assert.match(req.instructions, /commit message only/);
});

test('an empty diff or an empty answer is an error, never an empty message', async () => {
  await assert.rejects(generateCommitMessage({ model: model(), diff: '  \n' }), CommitMessageError);
  server.reset();
  server.enqueue({ text: '   ' });
  await assert.rejects(generateCommitMessage({ model: model(), diff: DIFF }), /no commit message/);
});

test('Cancel aborts the request', async () => {
  server.reset();
  server.enqueue({ text: 'late', hangMs: 'forever' });
  const abort = new AbortController();
  const pending = generateCommitMessage({ model: model(), diff: DIFF, signal: abort.signal });
  setTimeout(() => abort.abort(), 200);
  await assert.rejects(pending);
  assert.equal(await server.closed(0), true, 'the client closed the connection');
});

test('a huge diff is cut and says so; labels, quotes and fences are stripped', () => {
  const prompt = commitMessagePrompt({ diff: 'x'.repeat(500), maxDiffChars: 100 });
  assert.match(prompt, /the diff is cut here: 400 more characters not shown/);
  assert.equal(cleanCommitMessage('Commit message: "Fix the thing"'), 'Fix the thing');
  assert.equal(cleanCommitMessage('```text\nfeat: add x\n\nBecause y.\n```'), 'feat: add x\n\nBecause y.');
});
