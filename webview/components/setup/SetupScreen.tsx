// Shown instead of the chat while the host reports `config.setupNeeded`: pick a
// provider, give a base URL, key and model, test the connection, save. The key goes to
// the host (which keeps it in SecretStorage) and is never stored in webview state.
import * as l10n from '@vscode/l10n';
import { useId, useState, type FormEvent } from 'react';
import type { ConfigView, ProviderPreset } from '../../../src/protocol';
import { useCall, useDeps } from '../../context';
import { Button } from '../ui/Button';

const PRESETS: { id: ProviderPreset; baseUrl: string }[] = [
  { id: 'openai', baseUrl: 'https://api.openai.com/v1' },
  { id: 'ollama', baseUrl: 'http://localhost:11434/v1' },
  { id: 'custom', baseUrl: '' },
];

function presetText(id: ProviderPreset): { label: string; hint: string } {
  if (id === 'openai') return { label: 'OpenAI', hint: l10n.t('Uses your OpenAI API key.') };
  if (id === 'ollama') return { label: l10n.t('Ollama on this machine'), hint: l10n.t('No key needed; start Ollama first.') };
  return { label: l10n.t('Custom OpenAI-compatible server'), hint: l10n.t('Any server that speaks the OpenAI API.') };
}

export function SetupScreen({ config }: { config: ConfigView }) {
  const call = useCall();
  const { store } = useDeps();
  const [provider, setProvider] = useState<ProviderPreset>(config.provider);
  const [baseUrl, setBaseUrl] = useState(config.baseUrl || presetOf(config.provider).baseUrl);
  const [apiKey, setApiKey] = useState('');
  const [model, setModel] = useState(config.model);
  const [models, setModels] = useState<string[]>(config.models);
  const [status, setStatus] = useState<{ ok: boolean; message: string }>();
  const [busy, setBusy] = useState<'test' | 'save'>();
  const ids = { url: useId(), key: useId(), model: useId(), models: useId(), keyHint: useId() };

  const choose = (p: ProviderPreset) => {
    setProvider(p);
    const preset = presetOf(p);
    // keep a URL the user typed for a custom server; presets bring their own
    if (p !== 'custom' || PRESETS.some((x) => x.baseUrl === baseUrl)) setBaseUrl(preset.baseUrl);
    setStatus(undefined);
  };

  const params = () => ({ provider, baseUrl: baseUrl.trim() || undefined, apiKey: apiKey || undefined });

  const test = async () => {
    setBusy('test');
    setStatus(undefined);
    const res = await call('setup/test', params());
    setBusy(undefined);
    if (!res) return;
    setStatus({ ok: res.ok, message: res.message });
    if (res.models?.length) {
      setModels(res.models);
      if (!model) setModel(res.models[0]);
    }
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy('save');
    const next = await call('setup/save', { ...params(), model: model.trim() || undefined });
    setBusy(undefined);
    if (!next) return;
    setApiKey('');
    store.dispatch({ type: 'config/updated', params: next });
    if (next.setupNeeded) setStatus({ ok: false, message: next.setupNeeded.reason });
  };

  const needsKey = provider !== 'ollama';
  return (
    <form className="setup" aria-label={l10n.t('Set up Tandem')} onSubmit={(e) => void save(e)}>
      <p className="setup-intro">{l10n.t('Tandem needs a model to talk to. Pick where it runs; you can change this later in the settings.')}</p>
      {config.setupNeeded && <p className="muted">{config.setupNeeded.reason}</p>}
      <fieldset className="field">
        <legend>{l10n.t('Provider')}</legend>
        {PRESETS.map((p) => (
          <div key={p.id} className="radio">
            <input
              type="radio"
              id={`${ids.url}-${p.id}`}
              name="provider"
              value={p.id}
              checked={provider === p.id}
              aria-describedby={`${ids.url}-${p.id}-hint`}
              onChange={() => choose(p.id)}
            />
            <span>
              <label htmlFor={`${ids.url}-${p.id}`} translate={p.id === 'openai' ? 'no' : undefined}>
                {presetText(p.id).label}
              </label>
              <span id={`${ids.url}-${p.id}-hint`} className="muted radio-hint">
                {presetText(p.id).hint}
              </span>
            </span>
          </div>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={ids.url}>{l10n.t('Base URL')}</label>
        <input id={ids.url} className="input" type="url" value={baseUrl} required={provider === 'custom'}
          placeholder="https://host/v1" onChange={(e) => setBaseUrl(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={ids.key}>{l10n.t('API key')}</label>
        <input id={ids.key} className="input" type="password" autoComplete="off" value={apiKey}
          aria-describedby={ids.keyHint} onChange={(e) => setApiKey(e.target.value)} />
        <span id={ids.keyHint} className="muted">
          {needsKey ? l10n.t('Stored in VS Code’s secret storage, never in settings.') : l10n.t('Optional for a local server.')}
        </span>
      </div>
      <div className="field">
        <label htmlFor={ids.model}>{l10n.t('Model')}</label>
        <input id={ids.model} className="input" type="text" list={ids.models} value={model}
          placeholder={l10n.t('e.g. {0}', provider === 'ollama' ? 'qwen2.5-coder' : 'gpt-5')} onChange={(e) => setModel(e.target.value)} />
        <datalist id={ids.models}>
          {models.map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
      </div>
      <div className="setup-actions">
        <Button secondary icon="plug" busy={busy !== undefined} onClick={() => void test()}>
          {l10n.t('Test connection')}
        </Button>
        <Button type="submit" busy={busy !== undefined}>
          {l10n.t('Save')}
        </Button>
      </div>
      <div role="status" className={status ? (status.ok ? 'setup-status ok' : 'setup-status error-text') : 'setup-status'}>
        {busy === 'test' ? l10n.t('Testing…') : busy === 'save' ? l10n.t('Saving…') : status?.message}
      </div>
    </form>
  );
}

function presetOf(p: ProviderPreset) {
  return PRESETS.find((x) => x.id === p) ?? PRESETS[0];
}
