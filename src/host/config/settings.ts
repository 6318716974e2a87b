// The `tandem.*` settings as plain data, their defaults, and the rules that turn them
// into what the core and the webview need. vscode-free (the host reads the values).
import * as l10n from '@vscode/l10n';
import type { ApprovalPolicy, ProviderPreset, ReasoningEffort } from '../../protocol/index';
import { DEFAULT_MODEL } from '../../core/shared';

export type WireSetting = 'auto' | 'responses' | 'chat';

/** Setting ids, without the `tandem.` prefix (see package.json contributes.configuration). */
export interface RawSettings {
  provider: ProviderPreset;
  /** Empty: the preset's URL. */
  baseUrl: string;
  /** Empty: the preset's default model. */
  model: string;
  reasoningEffort: ReasoningEffort;
  wireApi: WireSetting;
  /** 0: the core's default for the model. */
  contextWindow: number;
  approvalPolicy: ApprovalPolicy;
  allowFullAccess: boolean;
  /** Model requests per turn; 0: no limit. */
  maxRounds: number;
  /** Tokens per turn; 0: no budget. */
  maxTurnTokens: number;
  /** Variables commands inherit beyond the ordinary ones (names or NAME_* prefixes). */
  commandEnvironment: string[];
  /** Per-command caps before staging what a sandboxed command wrote asks first. */
  'sandbox.maxImportFiles': number;
  'sandbox.maxImportMB': number;
  /** Models that take no images (image attach off for them). */
  imageInputOff: string[];
  /** Subagents that may run at once (0: none may be spawned). */
  maxAgents: number;
}

export const PRESETS: Record<ProviderPreset, { baseUrl: string; model: string; needsKey: boolean; label: string }> = {
  openai: { baseUrl: 'https://api.openai.com/v1', model: DEFAULT_MODEL, needsKey: true, label: 'OpenAI' },
  ollama: { baseUrl: 'http://localhost:11434/v1', model: 'qwen2.5-coder', needsKey: false, label: 'Ollama' },
  custom: { baseUrl: '', model: '', needsKey: false, label: 'OpenAI-compatible server' },
};

export const DEFAULT_SETTINGS: RawSettings = {
  provider: 'openai',
  baseUrl: '',
  model: '',
  reasoningEffort: 'medium',
  wireApi: 'auto',
  contextWindow: 0,
  approvalPolicy: 'on-request',
  allowFullAccess: false,
  maxRounds: 0,
  maxTurnTokens: 0,
  commandEnvironment: [],
  'sandbox.maxImportFiles': 10_000,
  'sandbox.maxImportMB': 100,
  imageInputOff: [],
  maxAgents: 4,
};

/** Fallback shown before the agent reports the real window. */
export const DEFAULT_CONTEXT_WINDOW = 128_000;

const oneOf = <T extends string>(value: unknown, allowed: readonly T[], fallback: T): T =>
  typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;

/** Coerces whatever settings.json holds into valid values (a typo never breaks the chat). */
export function coerceSettings(get: (key: keyof RawSettings) => unknown): RawSettings {
  const d = DEFAULT_SETTINGS;
  const str = (key: 'baseUrl' | 'model') => {
    const v = get(key);
    return typeof v === 'string' ? v.trim() : d[key];
  };
  const window = get('contextWindow');
  /** A whole number of 1 or more, else 0 (none). */
  return {
    provider: oneOf(get('provider'), ['openai', 'ollama', 'custom'], d.provider),
    baseUrl: str('baseUrl').replace(/\/+$/, ''),
    model: str('model'),
    reasoningEffort: oneOf(get('reasoningEffort'), ['minimal', 'low', 'medium', 'high'], d.reasoningEffort),
    wireApi: oneOf(get('wireApi'), ['auto', 'responses', 'chat'], d.wireApi),
    contextWindow: typeof window === 'number' && Number.isFinite(window) && window > 0 ? Math.floor(window) : 0,
    approvalPolicy: oneOf(get('approvalPolicy'), ['read-only', 'on-request', 'untrusted', 'full-access'], d.approvalPolicy),
    allowFullAccess: get('allowFullAccess') === true,
    maxRounds: positive(get('maxRounds'), 0),
    maxTurnTokens: positive(get('maxTurnTokens'), 0),
    commandEnvironment: stringList(get('commandEnvironment')),
    'sandbox.maxImportFiles': positive(get('sandbox.maxImportFiles'), d['sandbox.maxImportFiles']),
    'sandbox.maxImportMB': positive(get('sandbox.maxImportMB'), d['sandbox.maxImportMB']),
    imageInputOff: modelList(get('imageInputOff')),
    maxAgents: wholeNumber(get('maxAgents'), 0, 16, d.maxAgents),
  };
}

function modelList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '').map((x) => x.trim()) : [];
}

/** The model takes images unless listed in tandem.imageInputOff. */
export function imagesOn(s: RawSettings): boolean {
  return !s.imageInputOff.includes(effectiveModel(s));
}

function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && /^[A-Za-z_][A-Za-z0-9_]*\*?$/.test(x.trim())).map((x) => x.trim()) : [];
}

function wholeNumber(v: unknown, min: number, max: number, fallback: number): number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : fallback;
}

function positive(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 1 ? Math.floor(v) : fallback;
}

/** What reaches commands and subagents, as AgentOptions takes it. */
export function commandSettings(s: RawSettings): { commandEnv: string[]; importLimits: { maxFiles: number; maxBytes: number }; maxAgents: number } {
  return { commandEnv: s.commandEnvironment, importLimits: { maxFiles: s['sandbox.maxImportFiles'], maxBytes: s['sandbox.maxImportMB'] * 1024 * 1024 }, maxAgents: s.maxAgents };
}

export function effectiveBaseUrl(s: RawSettings): string {
  return s.baseUrl || PRESETS[s.provider].baseUrl;
}

export function effectiveModel(s: RawSettings): string {
  return s.model || PRESETS[s.provider].model;
}

/**
 * full-access only takes effect with the second, explicit `tandem.allowFullAccess`
 * (user-level only, like the policy itself). Otherwise the agent asks as in on-request.
 */
export function effectivePolicy(s: RawSettings): { policy: ApprovalPolicy; warning?: string } {
  if (s.approvalPolicy !== 'full-access') return { policy: s.approvalPolicy };
  if (!s.allowFullAccess) {
    return {
      policy: 'on-request',
      warning: l10n.t('Tandem: "full-access" is ignored until you also enable the "tandem.allowFullAccess" setting. Using "on-request".'),
    };
  }
  return {
    policy: 'full-access',
    warning: l10n.t('Tandem runs with full access: commands run outside the sandbox and without asking. Turn it off with "tandem.approvalPolicy".'),
  };
}

/** Why the chat cannot work yet, or undefined. `reachable`: a GET {baseUrl}/models answered. */
export function setupReason(s: RawSettings, hasKey: boolean, reachable: boolean | undefined): string | undefined {
  const url = effectiveBaseUrl(s);
  if (!url) return l10n.t('Enter the base URL of your OpenAI-compatible server.');
  if (!effectiveModel(s)) return l10n.t('Choose a model.');
  if (hasKey) return undefined;
  if (PRESETS[s.provider].needsKey) return l10n.t('Add your {0} API key.', PRESETS[s.provider].label);
  if (reachable) return undefined;
  return l10n.t('No API key is set and no server answered at {0}.', url);
}
