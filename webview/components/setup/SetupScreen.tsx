// Shown instead of the chat while the host reports `config.setupNeeded`: pick a
// provider, give a base URL, key and model, test the connection, save. The key goes to
// the host (which keeps it in SecretStorage) and is never stored in webview state.
import { useId, useState, type FormEvent } from 'react';
import type { ConfigView, ProviderPreset } from '../../../src/protocol';
import { useCall, useDeps } from '../../context';

const PRESETS: { id: ProviderPreset; label: string; baseUrl: string; hint: string }[] = [
  { id: 'openai', label: 'OpenAI', baseUrl: 'https://api.openai.com/v1', hint: 'Uses your OpenAI API key.' },
  { id: 'ollama', label: 'Ollama on this machine', baseUrl: 'http://localhost:11434/v1', hint: 'No key needed; start Ollama first.' },
  { id: 'custom', label: 'Custom OpenAI-compatible server', baseUrl: '', hint: 'Any server that speaks the OpenAI API.' },
];

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
    <form className="setup" aria-label="Set up Tandem" onSubmit={(e) => void save(e)}>
      <h2 className="panel-title">Set up Tandem</h2>
      {config.setupNeeded && <p className="muted">{config.setupNeeded.reason}</p>}
      <fieldset className="field">
        <legend>Provider</legend>
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
              <label htmlFor={`${ids.url}-${p.id}`}>{p.label}</label>
              <span id={`${ids.url}-${p.id}-hint`} className="muted radio-hint">
                {p.hint}
              </span>
            </span>
          </div>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={ids.url}>Base URL</label>
        <input id={ids.url} className="input" type="url" value={baseUrl} required={provider === 'custom'}
          placeholder="https://host/v1" onChange={(e) => setBaseUrl(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={ids.key}>API key</label>
        <input id={ids.key} className="input" type="password" autoComplete="off" value={apiKey}
          aria-describedby={ids.keyHint} onChange={(e) => setApiKey(e.target.value)} />
        <span id={ids.keyHint} className="muted">
          {needsKey ? 'Stored in VS Code’s secret storage, never in settings.' : 'Optional for a local server.'}
        </span>
      </div>
      <div className="field">
        <label htmlFor={ids.model}>Model</label>
        <input id={ids.model} className="input" type="text" list={ids.models} value={model}
          placeholder={provider === 'ollama' ? 'e.g. qwen2.5-coder' : 'e.g. gpt-5'} onChange={(e) => setModel(e.target.value)} />
        <datalist id={ids.models}>
          {models.map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
      </div>
      <div className="setup-actions">
        <button type="button" className="btn btn-secondary" disabled={busy !== undefined} onClick={() => void test()}>
          Test connection
        </button>
        <button type="submit" className="btn btn-primary" disabled={busy !== undefined}>
          Save
        </button>
      </div>
      <div role="status" className={status ? (status.ok ? 'setup-status ok' : 'setup-status error-text') : 'setup-status'}>
        {busy === 'test' ? 'Testing…' : busy === 'save' ? 'Saving…' : status?.message}
      </div>
    </form>
  );
}

function presetOf(p: ProviderPreset) {
  return PRESETS.find((x) => x.id === p) ?? PRESETS[0];
}
