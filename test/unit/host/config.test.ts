import { DEFAULT_MODEL } from '../../../src/core/model/config';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coerceSettings, effectivePolicy, setupReason, DEFAULT_SETTINGS, type RawSettings } from '../../../src/host/config/settings';
import { REPROBE_MS, ConfigService, redact, type KeyStore, type SettingsStore } from '../../../src/host/config/configService';
import { probeModels } from '../../../src/host/config/probe';
import { silentLogger } from '../../../src/host/util/log';
import type { ProviderPreset } from '../../../src/protocol/messages';
import { FakeClock, RecordingNotifier, settle } from './fakes';

test('turn limits: whole numbers of 1 or more, anything else is 0 (none)', () => {
  const read = (raw: Record<string, unknown>) => coerceSettings((k) => raw[k]);
  assert.deepEqual([read({ maxRounds: 250, maxTurnTokens: 1e6 }).maxRounds, read({ maxRounds: 250, maxTurnTokens: 1e6 }).maxTurnTokens], [250, 1_000_000]);
  for (const bad of [-3, 0, 0.5, '40', Number.NaN, null]) {
    assert.equal(read({ maxRounds: bad }).maxRounds, 0, String(bad));
    assert.equal(read({ maxTurnTokens: bad }).maxTurnTokens, 0, String(bad));
  }
  assert.equal(read({ maxRounds: 7.9 }).maxRounds, 7);
});

test('settings are coerced: typos fall back to defaults, trailing slashes go', () => {
  const raw: Record<string, unknown> = { provider: 'azure', baseUrl: ' http://x/v1/ ', model: 3, contextWindow: -5, approvalPolicy: 'full-access', allowFullAccess: 'yes' };
  const s = coerceSettings((k) => raw[k]);
  assert.deepEqual(s, { ...DEFAULT_SETTINGS, baseUrl: 'http://x/v1', approvalPolicy: 'full-access', allowFullAccess: false });
});

test('full-access needs allowFullAccess, and warns either way', () => {
  const s = (approvalPolicy: RawSettings['approvalPolicy'], allowFullAccess: boolean) => ({ ...DEFAULT_SETTINGS, approvalPolicy, allowFullAccess });
  assert.deepEqual(effectivePolicy(s('untrusted', true)), { policy: 'untrusted' });
  const ignored = effectivePolicy(s('full-access', false));
  assert.equal(ignored.policy, 'on-request');
  assert.match(ignored.warning!, /allowFullAccess/);
  const on = effectivePolicy(s('full-access', true));
  assert.equal(on.policy, 'full-access');
  assert.match(on.warning!, /without asking/);
});

test('setup is needed for OpenAI without a key, and for local servers only when unreachable', () => {
  const s = (provider: ProviderPreset, baseUrl = '') => ({ ...DEFAULT_SETTINGS, provider, baseUrl });
  assert.match(setupReason(s('openai'), false, true)!, /OpenAI API key/);
  assert.equal(setupReason(s('openai'), true, undefined), undefined);
  assert.equal(setupReason(s('ollama'), false, true), undefined);
  assert.match(setupReason(s('ollama'), false, false)!, /localhost:11434/);
  assert.match(setupReason(s('custom'), false, true)!, /base URL/);
  assert.match(setupReason({ ...s('custom', 'http://h/v1') }, true, undefined)!, /model/);
  assert.equal(setupReason({ ...s('custom', 'http://h/v1'), model: 'm' }, false, true), undefined);
});

function service(initial: Partial<RawSettings>, keys: Record<string, string> = {}, reachable = false, clock?: FakeClock) {
  let settings: RawSettings = { ...DEFAULT_SETTINGS, ...initial };
  const store: SettingsStore = {
    read: () => settings,
    update: async (patch) => {
      settings = { ...settings, ...patch };
    },
  };
  const keyStore: KeyStore = {
    get: async (p) => keys[p],
    set: async (p, k) => {
      keys[p] = k;
    },
  };
  const probes: string[] = [];
  const tested: unknown[] = [];
  const warnings: string[] = [];
  const notifier = new RecordingNotifier();
  const up = { reachable };
  const svc = new ConfigService({
    settings: store,
    keys: keyStore,
    connection: {
      probe: async (url) => {
        probes.push(url);
        return up.reachable ? { ok: true, models: ['m1', 'm2'] } : { ok: false };
      },
      testConnection: async (config) => {
        tested.push(config);
        return { ok: false, message: `401 from server: bad key ${config.apiKey}` };
      },
    },
    notifier,
    log: silentLogger,
    trusted: () => false,
    sandboxUnavailable: () => 'no bwrap',
    warn: (m) => warnings.push(m),
    clock,
  });
  return { svc, probes, tested, warnings, notifier, keys, up };
}

test('the view never carries the key; trust and sandbox status are in it', async () => {
  const { svc } = service({ provider: 'openai' }, { openai: 'sk-secret-123' });
  const view = await svc.current();
  assert.equal(JSON.stringify(view).includes('sk-secret'), false);
  assert.equal(view.setupNeeded, undefined);
  assert.equal(view.trusted, false);
  assert.equal(view.sandboxUnavailable, 'no bwrap');
  assert.equal(view.baseUrl, 'https://api.openai.com/v1');
  assert.equal(view.model, DEFAULT_MODEL, 'the OpenAI preset uses the core default model');
});

test('a key-less ollama setup probes the server; reachable means no setup screen and its models', async () => {
  const up = service({ provider: 'ollama' }, {}, true);
  const view = await up.svc.current();
  assert.deepEqual(up.probes, ['http://localhost:11434/v1']);
  assert.equal(view.setupNeeded, undefined);
  assert.deepEqual(view.models, ['qwen2.5-coder', 'm1', 'm2']);
  const down = service({ provider: 'ollama' }, {}, false);
  assert.ok((await down.svc.current()).setupNeeded);
});

test('an unreachable local server is probed again until it answers; the setup screen then goes away by itself', async () => {
  const clock = new FakeClock();
  const h = service({ provider: 'ollama' }, {}, false, clock);
  assert.ok((await h.svc.current()).setupNeeded);
  assert.equal(clock.pending, 1, 'a re-probe is scheduled');
  clock.advance(REPROBE_MS);
  await settle();
  assert.equal(h.probes.length, 2, 'probed again');
  assert.equal(clock.pending, 1, 'still down: scheduled again');
  h.up.reachable = true; // the user started Ollama
  clock.advance(REPROBE_MS);
  await settle();
  const updates = h.notifier.of('config/updated');
  assert.equal(updates.at(-1)?.setupNeeded, undefined, 'the webview was told: no setup screen');
  assert.equal(clock.pending, 0, 'no more probes once it answers');
  h.svc.dispose();
});

test('a reachable server or a key needs no re-probe; dispose cancels one', async () => {
  const clock = new FakeClock();
  await service({ provider: 'ollama' }, {}, true, clock).svc.current();
  await service({ provider: 'openai' }, { openai: 'sk-x' }, false, clock).svc.current();
  assert.equal(clock.pending, 0);
  const down = service({ provider: 'ollama' }, {}, false, clock);
  await down.svc.current();
  assert.equal(clock.pending, 1);
  down.svc.dispose();
  assert.equal(clock.pending, 0);
});

test('saving setup stores the key, writes settings and tells the webview', async () => {
  const { svc, keys, notifier } = service({ provider: 'openai' });
  assert.ok((await svc.current()).setupNeeded);
  const view = await svc.saveSetup({ provider: 'custom', baseUrl: 'http://127.0.0.1:9/v1/', apiKey: ' k-1 ', model: 'fake' });
  assert.equal(keys.custom, 'k-1');
  assert.equal(view.provider, 'custom');
  assert.equal(view.baseUrl, 'http://127.0.0.1:9/v1');
  assert.equal(view.setupNeeded, undefined);
  assert.deepEqual(notifier.of('config/updated'), [view]);
  const model = await svc.modelConfig();
  assert.equal(model.apiKey, 'k-1');
  assert.equal(model.model, 'fake');
});

test('testing a connection uses the typed key and redacts it from the message', async () => {
  const { svc, tested } = service({ provider: 'openai' }, { openai: 'stored-key' });
  const r = await svc.testSetup({ provider: 'openai', apiKey: 'typed-key' });
  assert.equal((tested[0] as { apiKey: string }).apiKey, 'typed-key');
  assert.equal(r.ok, false);
  assert.equal(r.message.includes('typed-key'), false);
  assert.match(r.message, /\[redacted\]/);
  assert.equal(redact('abc', undefined), 'abc');
});

test('the full-access warning shows once per change into a warned state', async () => {
  const { svc, warnings } = service({ approvalPolicy: 'full-access', allowFullAccess: false });
  svc.checkPolicyWarning();
  svc.checkPolicyWarning();
  assert.equal(warnings.length, 1);
  await svc.update({ approvalPolicy: 'on-request' });
  svc.checkPolicyWarning();
  assert.equal(warnings.length, 1);
  assert.equal((await svc.current()).approvalPolicy, 'on-request');
});

test('probeModels: ok with model ids, false for errors, bad URLs and other schemes', async () => {
  const fetchOk = (async () => new Response(JSON.stringify({ data: [{ id: 'a' }, { id: 2 }, { id: 'b' }] }), { status: 200 })) as typeof fetch;
  assert.deepEqual(await probeModels('http://x/v1/', undefined, fetchOk), { ok: true, models: ['a', 'b'] });
  const fetch500 = (async () => new Response('no', { status: 500 })) as typeof fetch;
  assert.deepEqual(await probeModels('http://x/v1', undefined, fetch500), { ok: false });
  const fetchThrows = (async () => {
    throw new Error('ECONNREFUSED');
  }) as typeof fetch;
  assert.deepEqual(await probeModels('http://x/v1', undefined, fetchThrows), { ok: false });
  assert.deepEqual(await probeModels('not a url', undefined, fetchOk), { ok: false });
  assert.deepEqual(await probeModels('file:///etc', undefined, fetchOk), { ok: false });
});

test('command environment and import caps: user settings, coerced, as AgentOptions takes them', async () => {
  const { commandSettings } = await import('../../../src/host/config/settings');
  const raw: Record<string, unknown> = { commandEnvironment: ['DATABASE_URL', 'MYAPP_*', 'bad name', 3, ' SPACED '], 'sandbox.maxImportFiles': 500, 'sandbox.maxImportMB': -1 };
  const s = coerceSettings((k) => raw[k]);
  assert.deepEqual(s.commandEnvironment, ['DATABASE_URL', 'MYAPP_*', 'SPACED']);
  assert.deepEqual(commandSettings(s), { commandEnv: ['DATABASE_URL', 'MYAPP_*', 'SPACED'], importLimits: { maxFiles: 500, maxBytes: 100 * 1024 * 1024 }, maxAgents: 4 });
});

test('maxAgents: a whole number from 0 to 16, else the default 4', () => {
  for (const [value, want] of [[0, 0], [2, 2], [16, 16], [17, 4], [-1, 4], [2.5, 4], ['3', 4], [undefined, 4]] as const) {
    assert.equal(coerceSettings((k) => (k === 'maxAgents' ? value : undefined)).maxAgents, want, String(value));
  }
});
