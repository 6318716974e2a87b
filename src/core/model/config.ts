// Model settings: defaults, environment, wire auto-detection and context windows.
// Contract: resolveModelConfig fills every field the agent needs (model, baseUrl, wire,
// contextWindow, compactThreshold, maxRetries); apiKey stays undefined when nothing
// provides one (createModelClient reports that on first use, not at construction, so an
// editor can start without a key). Explicit values always win over the environment.
import type { ModelConfig } from './types';
import type { WireApi } from './types';

/** The one default model (OpenAI's coding model on the Responses API). */
export const DEFAULT_MODEL = 'gpt-5.1-codex';
export const OPENAI_BASE_URL = 'https://api.openai.com/v1';
export const DEFAULT_CONTEXT_WINDOW = 128_000;
export const DEFAULT_COMPACT_THRESHOLD = 0.85;
export const DEFAULT_MAX_RETRIES = 5;

/**
 * Prompt budgets by model-name prefix (first match wins; provider prefixes such as
 * "openai/" are ignored). These are INPUT limits: GPT-5 models have a 400k window of
 * which 128k is reserved for output, so compaction must aim at 272k.
 */
const CONTEXT_WINDOWS: ReadonlyArray<[RegExp, number]> = [
  [/^gpt-5/, 272_000],
  [/^codex-mini/, 200_000],
  [/^gpt-4\.1/, 1_047_576],
  [/^(o1|o3|o4)(-|$)/, 200_000],
  [/^gpt-4o/, 128_000],
  [/^gpt-4-turbo/, 128_000],
  [/^gpt-oss/, 131_072],
];

export function contextWindowFor(model: string): number {
  const name = model.toLowerCase().replace(/^.*\//, '');
  for (const [pattern, tokens] of CONTEXT_WINDOWS) if (pattern.test(name)) return tokens;
  return DEFAULT_CONTEXT_WINDOW;
}

export function isOpenAIUrl(baseUrl: string | undefined): boolean {
  if (!baseUrl) return true;
  try {
    return new URL(baseUrl).hostname.toLowerCase() === 'api.openai.com';
  } catch {
    return false;
  }
}

/** OpenAI's own API speaks Responses; anything else is assumed to be Chat Completions. */
export function detectWire(baseUrl: string | undefined): WireApi {
  return isOpenAIUrl(baseUrl) ? 'responses' : 'chat';
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

export function resolveModelConfig(partial: Partial<ModelConfig> = {}, env: NodeJS.ProcessEnv = process.env): ModelConfig {
  const baseUrl = (nonEmpty(partial.baseUrl) ?? nonEmpty(env.OPENAI_BASE_URL) ?? OPENAI_BASE_URL).replace(/\/+$/, '');
  const model = nonEmpty(partial.model) ?? DEFAULT_MODEL;
  const apiKey = nonEmpty(partial.apiKey) ?? nonEmpty(env.OPENAI_API_KEY);
  const threshold = partial.compactThreshold;
  return {
    ...partial,
    model,
    baseUrl,
    apiKey,
    wire: partial.wire ?? detectWire(baseUrl),
    contextWindow: partial.contextWindow && partial.contextWindow > 0 ? partial.contextWindow : contextWindowFor(model),
    compactThreshold: threshold !== undefined && threshold > 0 && threshold < 1 ? threshold : DEFAULT_COMPACT_THRESHOLD,
    maxRetries: partial.maxRetries !== undefined && partial.maxRetries >= 0 ? partial.maxRetries : DEFAULT_MAX_RETRIES,
  };
}
