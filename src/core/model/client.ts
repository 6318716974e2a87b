// The model layer's public surface: build a client from settings, resolve settings from
// the environment, and check a connection (settings UI, `tandem doctor`).
// Contract: createModelClient and testConnection fill unset fields like
// resolveModelConfig (OPENAI_API_KEY / OPENAI_BASE_URL from `env`, default process.env;
// pass `env: {}` for hermetic use). A missing key never throws at construction: the first
// request fails with a ModelError saying what to set, so an editor can start without one.
import { APIError } from 'openai';
import type { ModelConfig } from './types';
import { ModelError, type ModelClient, type ModelEvent, type ModelRequest } from './types';
import { ResponsesClient } from './responses';
import { ChatClient } from './chat';
import { classifyFailure, type RetryOptions } from './retry';
import { createOpenAI } from './sdk';
import { isOpenAIUrl, resolveModelConfig } from './config';

export { resolveModelConfig, contextWindowFor, DEFAULT_MODEL, OPENAI_BASE_URL } from './config';
export type { Sleep } from './retry';

export const MISSING_KEY_MESSAGE = 'No OpenAI API key is set. Set OPENAI_API_KEY or enter a key in the settings.';

/** Local servers accept any non-empty key; the SDK insists on one. */
const PLACEHOLDER_KEY = 'not-needed';

export interface ModelClientExtras {
  /** Backoff tuning and an injectable sleep (tests). maxRetries comes from the config. */
  retry?: Omit<RetryOptions, 'maxRetries'>;
  timeoutMs?: number;
  /** Where unset key / base URL come from (default process.env). */
  env?: NodeJS.ProcessEnv;
}

class MissingKeyClient implements ModelClient {
  constructor(readonly wire: ModelClient['wire']) {}
  // eslint-disable-next-line require-yield
  async *stream(_request: ModelRequest): AsyncGenerator<ModelEvent> {
    throw new ModelError(MISSING_KEY_MESSAGE, { status: 401, retryable: false });
  }
}

export function createModelClient(config: ModelConfig, extras: ModelClientExtras = {}): ModelClient {
  const resolved = resolveModelConfig(config, extras.env ?? process.env);
  const baseUrl = resolved.baseUrl!;
  if (!resolved.apiKey && isOpenAIUrl(baseUrl)) return new MissingKeyClient(resolved.wire!);
  const options = {
    baseUrl,
    apiKey: resolved.apiKey ?? PLACEHOLDER_KEY,
    headers: resolved.headers,
    timeoutMs: extras.timeoutMs,
    retry: { ...extras.retry, maxRetries: resolved.maxRetries },
  };
  return resolved.wire === 'chat' ? new ChatClient(options) : new ResponsesClient(options);
}

export interface ConnectionResult {
  ok: boolean;
  message: string;
  models?: string[];
}

/** Lists models (GET /models) with a short timeout and says in one sentence how it went. */
export async function testConnection(
  config: ModelConfig,
  options: { timeoutMs?: number; signal?: AbortSignal; env?: NodeJS.ProcessEnv } = {},
): Promise<ConnectionResult> {
  const resolved = resolveModelConfig(config, options.env ?? process.env);
  const baseUrl = resolved.baseUrl!;
  if (!resolved.apiKey && isOpenAIUrl(baseUrl)) return { ok: false, message: MISSING_KEY_MESSAGE };
  const timeoutMs = options.timeoutMs ?? 5000;
  const openai = createOpenAI({ baseUrl, apiKey: resolved.apiKey ?? PLACEHOLDER_KEY, headers: resolved.headers, timeoutMs });
  try {
    const page = await openai.models.list({ timeout: timeoutMs, maxRetries: 0, signal: options.signal });
    const models = page.data.map((m) => m.id).sort();
    const missing = models.length > 0 && !models.includes(resolved.model) ? ` The model "${resolved.model}" is not among them.` : '';
    const count = models.length === 1 ? '1 model' : `${models.length} models`;
    return { ok: true, message: `Connected to ${baseUrl}: ${count} available.${missing}`, models };
  } catch (err) {
    if (err instanceof APIError && err.status === 404) {
      return { ok: false, message: `The server at ${baseUrl} has no /models endpoint (404). Check the base URL (it usually ends in /v1).` };
    }
    return { ok: false, message: classifyFailure(err, { baseUrl, model: resolved.model }).message };
  }
}
