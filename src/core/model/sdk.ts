// One place that builds the `openai` SDK client, so both wire formats share the same
// settings. The SDK's own retries are OFF: `retry.ts` owns retrying so that every retry
// is visible to the consumer (a `retrying` event) and streams that break mid-response
// are retried too, which the SDK does not do.
import OpenAI from 'openai';
import { streamWithRetries, withAttemptSignal, type RetryOptions } from './retry';
import type { ModelClient, ModelEvent, ModelRequest, WireApi } from './types';

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

/**
 * A ModelClient over one wire format: the SDK client is built once, and each request's
 * `attempt` (one HTTP request, its events mapped) is run and retried by streamWithRetries.
 */
export abstract class SdkModelClient implements ModelClient {
  abstract readonly wire: WireApi;
  private readonly openai: OpenAI;

  constructor(private readonly options: SdkClientOptions) {
    this.openai = createOpenAI(options);
  }

  /** One HTTP request; `request.signal` is the attempt's own (see withAttemptSignal). */
  protected abstract attempt(openai: OpenAI, request: ModelRequest): AsyncIterable<ModelEvent>;

  stream(request: ModelRequest): AsyncIterable<ModelEvent> {
    return streamWithRetries(
      () => withAttemptSignal(request, (r) => this.attempt(this.openai, r)),
      request.signal,
      { baseUrl: this.options.baseUrl, model: request.model },
      this.options.retry,
    );
  }
}
