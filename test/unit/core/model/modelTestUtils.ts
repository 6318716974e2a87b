// Shared helpers for the model-layer tests: build clients against the fake server with a
// recording, non-waiting sleep, and collect stream events.
import { createModelClient, type Sleep } from '../../../../src/core/model/client';
import type { HistoryEntry, ModelClient, ModelEvent, ModelRequest, ToolSpec, WireApi } from '../../../../src/core/model/types';
import type { FakeModelServer } from '../../../fakes/fakeModelServer';

export const WIRES: WireApi[] = ['responses', 'chat'];

export interface TestClient {
  client: ModelClient;
  /** Every delay the retry loop asked to sleep for, in order. */
  sleeps: number[];
}

export function clientFor(server: FakeModelServer, wire: WireApi, overrides: { maxRetries?: number; apiKey?: string; sleep?: Sleep } = {}): TestClient {
  const sleeps: number[] = [];
  const client = createModelClient(
    { model: 'gpt-5.1-codex', baseUrl: server.baseUrl, apiKey: overrides.apiKey ?? 'test-key', wire, maxRetries: overrides.maxRetries },
    {
      retry: {
        sleep: async (ms, signal) => {
          sleeps.push(ms);
          await overrides.sleep?.(ms, signal);
        },
        random: () => 0.5,
      },
      env: {},
    },
  );
  return { client, sleeps };
}

export const READ_TOOL: ToolSpec = {
  name: 'read_file',
  description: 'Read a file.',
  parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
};

export function request(input: HistoryEntry[] | string, extra: Partial<ModelRequest> = {}): ModelRequest {
  return {
    model: 'gpt-5.1-codex',
    instructions: 'You are a test.',
    input: typeof input === 'string' ? [{ type: 'message', role: 'user', content: input }] : input,
    tools: [],
    signal: new AbortController().signal,
    ...extra,
  };
}

export async function collect(stream: AsyncIterable<ModelEvent>): Promise<ModelEvent[]> {
  const events: ModelEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

export function completed(events: ModelEvent[]): Extract<ModelEvent, { type: 'completed' }> {
  const done = events.filter((e) => e.type === 'completed');
  if (done.length !== 1) throw new Error(`expected one completed event, got ${done.length}`);
  return done[0] as Extract<ModelEvent, { type: 'completed' }>;
}

export function textOf(events: ModelEvent[], type: 'text_delta' | 'reasoning_delta'): string {
  return events.map((e) => (e.type === type ? e.text : '')).join('');
}
