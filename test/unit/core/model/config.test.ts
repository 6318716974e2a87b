// Settings resolution, wire detection, client construction and the connection check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createModelClient,
  resolveModelConfig,
  testConnection,
  contextWindowFor,
  DEFAULT_MODEL,
  OPENAI_BASE_URL,
} from '../../../../src/core/model/client';
import { startFakeModelServer } from '../../../fakes/fakeModelServer';
import { collect, request } from './modelTestUtils';

test('defaults: OpenAI, the default model, responses wire, known window, 0.85', () => {
  const config = resolveModelConfig({}, {});
  assert.equal(config.model, DEFAULT_MODEL);
  assert.equal(config.baseUrl, OPENAI_BASE_URL);
  assert.equal(config.wire, 'responses');
  assert.equal(config.apiKey, undefined);
  assert.equal(config.contextWindow, 272_000);
  assert.equal(config.compactThreshold, 0.85);
  assert.equal(config.maxRetries, 5);
});

test('environment supplies key and base URL; a non-OpenAI URL means chat', () => {
  const env = { OPENAI_API_KEY: 'sk-env', OPENAI_BASE_URL: 'http://localhost:11434/v1/' };
  const config = resolveModelConfig({ model: 'qwen2.5-coder:14b' }, env);
  assert.equal(config.apiKey, 'sk-env');
  assert.equal(config.baseUrl, 'http://localhost:11434/v1', 'trailing slash trimmed');
  assert.equal(config.wire, 'chat');
  assert.equal(config.contextWindow, 128_000, 'unknown model -> 128k');
});

test('explicit values win over the environment, including the wire', () => {
  const env = { OPENAI_API_KEY: 'sk-env', OPENAI_BASE_URL: 'http://gateway.local/v1' };
  const config = resolveModelConfig(
    { apiKey: 'sk-mine', baseUrl: 'https://api.openai.com/v1', wire: 'chat', contextWindow: 50_000, compactThreshold: 0.5, maxRetries: 0 },
    env,
  );
  assert.equal(config.apiKey, 'sk-mine');
  assert.equal(config.baseUrl, 'https://api.openai.com/v1');
  assert.equal(config.wire, 'chat');
  assert.equal(config.contextWindow, 50_000);
  assert.equal(config.compactThreshold, 0.5);
  assert.equal(config.maxRetries, 0);
});

test('OpenAI URL detection is by host, and blank settings fall back', () => {
  assert.equal(resolveModelConfig({ baseUrl: 'https://api.openai.com/v1' }, {}).wire, 'responses');
  assert.equal(resolveModelConfig({ baseUrl: 'https://api.openai.com.evil.example/v1' }, {}).wire, 'chat');
  assert.equal(resolveModelConfig({ baseUrl: '  ', apiKey: '' }, { OPENAI_API_KEY: 'k' }).baseUrl, OPENAI_BASE_URL);
  assert.equal(resolveModelConfig({ apiKey: '' }, { OPENAI_API_KEY: 'k' }).apiKey, 'k');
});

test('context windows by model name', () => {
  assert.equal(contextWindowFor('gpt-5.1-codex'), 272_000);
  assert.equal(contextWindowFor('openai/gpt-4.1-mini'), 1_047_576);
  assert.equal(contextWindowFor('o4-mini'), 200_000);
  assert.equal(contextWindowFor('gpt-4o'), 128_000);
  assert.equal(contextWindowFor('llama3.1:8b'), 128_000);
});

test('createModelClient picks the wire; a missing OpenAI key fails on first use with a sentence', async () => {
  assert.equal(createModelClient({ model: 'm', baseUrl: 'http://127.0.0.1:1/v1', apiKey: 'k' }, { env: {} }).wire, 'chat');
  const noKey = createModelClient({ model: 'gpt-5.1-codex' }, { env: {} });
  assert.equal(noKey.wire, 'responses');
  await assert.rejects(collect(noKey.stream(request('hi'))), (err: any) => {
    assert.equal(err.name, 'ModelError');
    assert.match(err.message, /No OpenAI API key is set\. Set OPENAI_API_KEY/);
    return true;
  });
  const check = await testConnection({ model: 'gpt-5.1-codex' }, { env: {} });
  assert.equal(check.ok, false);
  assert.match(check.message, /No OpenAI API key is set/);
});

test('a local server needs no key (a placeholder is sent)', async () => {
  const server = await startFakeModelServer({ replies: [{ text: 'local' }] });
  try {
    const client = createModelClient({ model: 'llama3.1', baseUrl: server.baseUrl }, { env: {} });
    await collect(client.stream(request('hi', { model: 'llama3.1' })));
    assert.equal(server.requests[0].wire, 'chat');
    assert.match(String(server.requests[0].headers.authorization), /^Bearer \S+/);
  } finally {
    await server.close();
  }
});

test('testConnection: ok lists models; notes a model the server does not have', async () => {
  const server = await startFakeModelServer({ models: ['gpt-5.1-codex', 'gpt-4.1'], apiKey: 'good' });
  try {
    const ok = await testConnection({ model: 'gpt-5.1-codex', baseUrl: server.baseUrl, apiKey: 'good' });
    assert.deepEqual(ok, { ok: true, message: `Connected to ${server.baseUrl}: 2 models available.`, models: ['gpt-4.1', 'gpt-5.1-codex'] });
    const other = await testConnection({ model: 'mystery', baseUrl: server.baseUrl, apiKey: 'good' });
    assert.equal(other.ok, true);
    assert.match(other.message, /The model "mystery" is not among them\./);
    const bad = await testConnection({ model: 'gpt-5.1-codex', baseUrl: server.baseUrl, apiKey: 'wrong' });
    assert.deepEqual(bad, { ok: false, message: 'The API key was rejected (401). Set a valid key.' });
    assert.equal(server.requests.filter((r) => r.path === '/v1/models').length, 3);
  } finally {
    await server.close();
  }
});

test('createModelClient and testConnection take key and base URL from env when unset', async () => {
  const server = await startFakeModelServer({ replies: [{ text: 'from env' }], apiKey: 'env-key' });
  try {
    const env = { OPENAI_API_KEY: 'env-key', OPENAI_BASE_URL: server.baseUrl };
    const client = createModelClient({ model: 'gpt-5.1-codex' }, { env });
    assert.equal(client.wire, 'chat');
    await collect(client.stream(request('hi')));
    assert.equal(server.requests[0].headers.authorization, 'Bearer env-key');
    assert.equal((await testConnection({ model: 'fake-model' }, { env })).ok, true);
  } finally {
    await server.close();
  }
});

test('testConnection: unreachable server and wrong base URL', async () => {
  const server = await startFakeModelServer();
  const url = server.url;
  try {
    const noV1 = await testConnection({ model: 'm', baseUrl: `${url}/nope`, apiKey: 'k' });
    assert.equal(noV1.ok, false);
    assert.match(noV1.message, /has no \/models endpoint \(404\)/);
  } finally {
    await server.close();
  }
  const down = await testConnection({ model: 'm', baseUrl: `${url}/v1`, apiKey: 'k' });
  assert.deepEqual(down, { ok: false, message: `The server at ${url}/v1 is not reachable.` });
});
