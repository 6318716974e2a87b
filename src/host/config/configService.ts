// Settings + secret key + reachability -> the ConfigView the webview shows and the
// ModelConfig the core gets. vscode-free: stores and probes are injected.
// Contract: the API key is only ever read from the KeyStore and handed to the core;
// it is never part of a ConfigView, a log line or an error message.
import * as l10n from '@vscode/l10n';
import type { ConfigView, ParamsOf, ProviderPreset, ResultOf } from '../../protocol/messages';
import type { Notifier } from '../rpc/webviewChannel';
import { errorMessage, type Logger } from '../util/log';
import type { Clock } from '../rpc/clock';
import type { ModelConfig } from '../../core/index';
import {
  DEFAULT_CONTEXT_WINDOW,
  PRESETS,
  effectiveBaseUrl,
  effectiveModel,
  effectivePolicy,
  setupReason,
  type RawSettings,
  imagesOn,
} from './settings';

export interface SettingsStore {
  read(): RawSettings;
  /** Writes user-level (global) settings. */
  update(patch: Partial<RawSettings>): Promise<void>;
}

export interface KeyStore {
  get(provider: ProviderPreset): Promise<string | undefined>;
  set(provider: ProviderPreset, key: string): Promise<void>;
}

export interface ConnectionProbe {
  /** Quick GET {baseUrl}/models; never throws. */
  probe(baseUrl: string, apiKey?: string): Promise<{ ok: boolean; models?: string[] }>;
  testConnection(config: ModelConfig): Promise<{ ok: boolean; message: string; models?: string[] }>;
}

export interface ConfigServiceDeps {
  settings: SettingsStore;
  keys: KeyStore;
  connection: ConnectionProbe;
  notifier: Notifier;
  log: Logger;
  trusted(): boolean;
  sandboxUnavailable(): string | undefined;
  /** Shows a warning to the user (full-access). */
  warn(message: string): void;
  /** Schedules the re-probe of an unreachable local server (absent: no re-probe). */
  clock?: Clock;
}

/**
 * While a key-less server (Ollama, a custom one) does not answer, it is probed again this
 * often: the setup screen goes away by itself once the user starts it, and a probe that
 * timed out on a busy machine does not leave a false "no server" screen up.
 */
export const REPROBE_MS = 5000;

/** Local servers accept any non-empty key. */
const PLACEHOLDER_KEY = 'tandem-no-key';

export class ConfigService {
  private cached: ConfigView | undefined;
  private models: string[] = [];
  private warned: string | undefined;
  private reprobe: unknown;

  constructor(private readonly deps: ConfigServiceDeps) {}

  settings(): RawSettings {
    return this.deps.settings.read();
  }

  /** The last computed view (computing it the first time). */
  current(): Promise<ConfigView> {
    return this.cached ? Promise.resolve(this.cached) : this.refresh(false);
  }

  /** Cached view for synchronous snapshot building; call current() once before. */
  peek(): ConfigView {
    return this.cached ?? this.baseView(this.settings(), 'Checking the connection…');
  }

  /** Recomputes the view (key present? server reachable?) and, if asked, tells the webview. */
  refresh(notify = true): Promise<ConfigView> {
    return this.compute().then(({ view, unreachable }) => {
      this.cached = view;
      if (notify) this.deps.notifier.notify('config/updated', view);
      this.scheduleReprobe(unreachable);
      return view;
    });
  }

  /** Stops the re-probe timer (the window is closing). */
  dispose(): void {
    this.scheduleReprobe(false);
  }

  private scheduleReprobe(unreachable: boolean): void {
    const clock = this.deps.clock;
    if (!clock) return;
    if (this.reprobe !== undefined) clock.clearTimeout(this.reprobe);
    this.reprobe = undefined;
    if (!unreachable) return;
    this.reprobe = clock.setTimeout(() => {
      this.reprobe = undefined;
      void this.refresh().catch((err) => this.deps.log.warn(`could not probe the server again: ${errorMessage(err)}`));
    }, REPROBE_MS);
  }

  /** Shows the full-access warning when the policy settings changed into a warned state. */
  checkPolicyWarning(): void {
    const s = this.settings();
    const { warning } = effectivePolicy(s);
    const key = warning ? `${s.approvalPolicy}:${s.allowFullAccess}` : undefined;
    if (key && key !== this.warned && warning) this.deps.warn(warning);
    this.warned = key;
  }

  async modelConfig(): Promise<ModelConfig> {
    const s = this.settings();
    const key = await this.deps.keys.get(s.provider);
    return this.buildModelConfig(s, key);
  }

  async update(params: ParamsOf<'config/update'>): Promise<ConfigView> {
    const patch: Partial<RawSettings> = {};
    if (params.model !== undefined) patch.model = params.model;
    if (params.reasoningEffort !== undefined) patch.reasoningEffort = params.reasoningEffort;
    if (params.approvalPolicy !== undefined) patch.approvalPolicy = params.approvalPolicy;
    await this.deps.settings.update(patch);
    return this.refresh();
  }

  async saveSetup(params: ParamsOf<'setup/save'>): Promise<ConfigView> {
    const key = params.apiKey?.trim();
    if (key) await this.deps.keys.set(params.provider, key);
    const patch: Partial<RawSettings> = { provider: params.provider };
    if (params.baseUrl !== undefined) patch.baseUrl = params.baseUrl.trim().replace(/\/+$/, '');
    if (params.model !== undefined) patch.model = params.model.trim();
    await this.deps.settings.update(patch);
    return this.refresh();
  }

  async setKey(key: string): Promise<ConfigView> {
    await this.deps.keys.set(this.settings().provider, key.trim());
    return this.refresh();
  }

  async testSetup(params: ParamsOf<'setup/test'>): Promise<ResultOf<'setup/test'>> {
    const saved = this.settings();
    const s: RawSettings = { ...saved, provider: params.provider, baseUrl: params.baseUrl?.trim().replace(/\/+$/, '') ?? '' };
    if (s.provider !== saved.provider) s.model = '';
    if (!effectiveBaseUrl(s)) return { ok: false, message: l10n.t('Enter a base URL first.') };
    const key = params.apiKey?.trim() || (await this.deps.keys.get(s.provider));
    try {
      const result = await this.deps.connection.testConnection(this.buildModelConfig(s, key));
      if (result.ok && result.models?.length) this.models = result.models;
      return { ok: result.ok, message: redact(result.message, key), ...(result.models ? { models: result.models } : {}) };
    } catch (err) {
      return { ok: false, message: redact(errorMessage(err), key) };
    }
  }

  private buildModelConfig(s: RawSettings, key: string | undefined): ModelConfig {
    return {
      model: effectiveModel(s),
      baseUrl: effectiveBaseUrl(s),
      apiKey: key || (PRESETS[s.provider].needsKey ? undefined : PLACEHOLDER_KEY),
      ...(s.wireApi !== 'auto' ? { wire: s.wireApi } : {}),
      reasoningEffort: s.reasoningEffort,
      ...(s.contextWindow > 0 ? { contextWindow: s.contextWindow } : {}),
      ...(imagesOn(s) ? {} : { images: false }),
    };
  }

  private async compute(): Promise<{ view: ConfigView; unreachable: boolean }> {
    const s = this.settings();
    const key = await this.deps.keys.get(s.provider);
    let reachable: boolean | undefined;
    if (!key && !PRESETS[s.provider].needsKey && effectiveBaseUrl(s)) {
      const probe = await this.deps.connection.probe(effectiveBaseUrl(s));
      reachable = probe.ok;
      if (probe.models?.length) this.models = probe.models;
    }
    return { view: this.baseView(s, setupReason(s, Boolean(key), reachable)), unreachable: reachable === false };
  }

  private baseView(s: RawSettings, reason: string | undefined): ConfigView {
    const model = effectiveModel(s);
    const unavailable = this.deps.sandboxUnavailable();
    return {
      provider: s.provider,
      baseUrl: effectiveBaseUrl(s),
      model,
      models: [...new Set([model, ...this.models].filter(Boolean))],
      reasoningEffort: s.reasoningEffort,
      approvalPolicy: effectivePolicy(s).policy,
      contextWindow: s.contextWindow || DEFAULT_CONTEXT_WINDOW,
      ...(reason ? { setupNeeded: { reason } } : {}),
      trusted: this.deps.trusted(),
      images: imagesOn(s),
      ...(unavailable ? { sandboxUnavailable: unavailable } : {}),
    };
  }
}

/** Belt and braces: a server may echo the key in an error body. */
export function redact(text: string, key: string | undefined): string {
  if (!key || key.length < 4) return text;
  return text.split(key).join('[redacted]');
}
