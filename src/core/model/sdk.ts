// One place that builds the `openai` SDK client, so both wire formats share the same
// settings. The SDK's own retries are OFF: `retry.ts` owns retrying so that every retry
// is visible to the consumer (a `retrying` event) and streams that break mid-response
// are retried too, which the SDK does not do.
import OpenAI from 'openai';
import type { RetryOptions } from './retry';

export interface SdkClientOptions {
  baseUrl: string;
  apiKey: string;
  headers?: Record<string, string>;
  retry?: RetryOptions;
  /** Per-request timeout of the SDK (ms). Default: the SDK's (10 minutes). */
  timeoutMs?: number;
}

export function createOpenAI(options: SdkClientOptions): OpenAI {
  return new OpenAI({
    baseURL: options.baseUrl,
    apiKey: options.apiKey,
    defaultHeaders: options.headers,
    maxRetries: 0,
    timeout: options.timeoutMs,
  });
}
