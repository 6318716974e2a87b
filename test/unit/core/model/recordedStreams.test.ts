// Chat Completions streams recorded from real servers (peer-tests/recorded-streams: OpenAI,
// Mistral, DeepSeek, Groq, Qwen, xAI, GLM, Ollama, an Anthropic-compatible gateway),
// replayed byte for byte by the fake server into the real `openai` SDK and the chat
// client. Each must complete with its text, reasoning and calls intact: no part of a
// response lost or stringified. Skipped where the recordings are not present.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startFakeModelServer, type FakeModelServer } from '../../../fakes/fakeModelServer';
import { peerTestsDir } from '../../../fakes/peerTests';
import { clientFor, collect, completed, request, textOf, READ_TOOL } from './modelTestUtils';

interface Recording {
  name: string;
  frames: string[];
}

/** The SSE frames of a recording: raw SSE, or one `data:` payload per line; `[DONE]` as servers end. */
function framesOf(file: string, format: string): string[] {
  const raw = readFileSync(file, 'utf8');
  const frames =
    format === 'sse'
      ? raw.split(/\r?\n\r?\n/).filter((f) => f.trim() !== '').map((f) => `${f}\n\n`)
      : raw.split('\n').filter((l) => l.trim() !== '').map((l) => `data: ${l}\n\n`);
  if (!frames.some((f) => f.includes('[DONE]'))) frames.push('data: [DONE]\n\n');
  return frames;
}

const base = peerTestsDir();
const dir = base && path.join(base, 'recorded-streams');
const recordings: Recording[] =
  dir && existsSync(dir)
    ? readdirSync(dir)
        .filter((n) => n.endsWith('.json'))
        .map((n) => JSON.parse(readFileSync(path.join(dir, n), 'utf8')) as { file: string; wire: string; format: string })
        .filter((s) => s.wire === 'chat')
        .map((s) => ({ name: s.file, frames: framesOf(path.join(dir, s.file), s.format) }))
    : [];

let server: FakeModelServer;
before(async () => (server = await startFakeModelServer()));
after(async () => server.close());
beforeEach(() => server.reset());

test('recorded chat streams are present (else the replays below are skipped)', (t) => {
  if (!recordings.length) t.skip('peer-tests/recorded-streams not found (set TANDEM_PEER_TESTS)');
  else assert.ok(recordings.length >= 10, `${recordings.length} recordings`);
});

for (const r of recordings) {
  test(`replay ${r.name}`, async () => {
    server.enqueue({ recordedFrames: r.frames });
    const { client } = clientFor(server, 'chat', { maxRetries: 0 });
    const events = await collect(client.stream(request('replay', { tools: [READ_TOOL] })));
    const done = completed(events);
    assert.doesNotMatch(JSON.stringify(events), /\[object Object\]/);
    assert.equal(done.warnings, undefined, done.warnings?.join('\n'));
    const text = textOf(events, 'text_delta');
    const message = done.output.find((e) => e.type === 'message');
    assert.equal(message?.type === 'message' ? message.content : '', text);
    const calls = done.output.filter((e) => e.type === 'function_call');
    assert.ok(text !== '' || calls.length > 0, 'an answer or a call');
    for (const c of calls) {
      assert.ok(c.type === 'function_call' && c.name && c.callId, JSON.stringify(c));
      if (c.type === 'function_call') JSON.parse(c.arguments);
    }
    if (r.name.startsWith('mistral-chat-thinking')) {
      assert.match(textOf(events, 'reasoning_delta'), /^Okay, the user is asking for the product of 17 and 23\./);
      assert.equal(text, '391');
    }
  });
}
