// Retries for model streams, and the translation of SDK failures into plain sentences.
// Contract:
// - The SDK's own retries are off (clients are built with maxRetries: 0); this wrapper is
//   the only retry loop, so every retry is visible to the consumer as a `retrying` event.
// - Retried: 408, 409, 429, 5xx, connection failures, and streams that broke after they
//   began. A retry restarts the request from scratch; the `retrying` event tells the
//   consumer to discard partial output of the failed attempt.
// - Not retried: 400/401/403/404 and other 4xx; they become ModelError with a sentence a
//   user can act on.
// - Abort (the request's AbortSignal) ends everything at once with an error whose name is
//   'AbortError', including during a backoff sleep. Never retried, never wrapped.
import { APIError, APIConnectionError, APIConnectionTimeoutError, APIUserAbortError } from 'openai';
import { ModelError, type ModelEvent, type ModelRequest } from './types';

export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

export interface RetryOptions {
  /** Retries after the first attempt (default 5). */
  maxRetries?: number;
  /** First backoff step (default 500 ms); doubles per retry, with jitter. */
  baseDelayMs?: number;
  /** Cap on any single wait, including a server's Retry-After (default 60 s). */
  maxDelayMs?: number;
  /** Injectable so tests do not wait for real. */
  sleep?: Sleep;
  /** Injectable for deterministic jitter. */
  random?: () => number;
}

/** What a failure means, for retrying and for the user. */
export interface FailureContext {
  baseUrl: string;
  model: string;
}

export class AbortError extends Error {
  constructor(message = 'The request was aborted.') {
    super(message);
    this.name = 'AbortError';
  }
}

export function isAbortError(err: unknown): boolean {
  return err instanceof Error && (err.name === 'AbortError' || err instanceof APIUserAbortError);
}

/**
 * Runs one HTTP attempt with a signal of its own, linked to the turn's and unlinked when
 * the attempt ends. The `openai` SDK adds an abort listener to the signal it is given and
 * never removes it, and that listener holds the attempt's AbortController, its abort
 * reason (with a stack) and through them the response and its stream. Given the turn's
 * signal, every request of a turn stayed reachable until the turn ended (MaxListeners
 * warnings after 10 rounds). AbortSignal.any([turn]) did not fix it on Node 20: a
 * dependent signal with listeners is pinned in Node's gcPersistentSignals set until its
 * source aborts (nodejs/node#55351, #54614), measured here at ~7.8 KB per request
 * (bench area 10). This one listener on the turn's signal is removed in `finally`.
 */
export async function* withAttemptSignal<T>(request: ModelRequest, attempt: (request: ModelRequest) => AsyncIterable<T>): AsyncGenerator<T> {
  const turn = request.signal;
  const controller = new AbortController();
  const abort = () => controller.abort(turn.reason);
  if (turn.aborted) abort();
  else turn.addEventListener('abort', abort, { once: true });
  try {
    yield* attempt({ ...request, signal: controller.signal });
  } finally {
    turn.removeEventListener('abort', abort);
  }
}

/** Sleeps, but wakes with an AbortError the moment the signal fires. */
export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new AbortError());
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortError());
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });

/**
 * Delay requested by the server: `retry-after-ms` (milliseconds), else `retry-after` as
 * seconds or an HTTP date. Undefined when absent or unparsable.
 */
export function parseRetryAfter(headers: Headers | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '' && Number.isFinite(Number(ms)) && Number(ms) >= 0) return Number(ms);
  const value = headers.get('retry-after');
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

export interface ClassifiedFailure {
  retryable: boolean;
  status?: number;
  retryAfterMs?: number;
  code?: string;
  /** Plain sentence for the user (final message when retries run out). */
  message: string;
}

function apiMessage(err: APIError): string {
  const body = err.error as { message?: unknown } | undefined;
  const text = typeof body?.message === 'string' ? body.message : '';
  return text.trim();
}

function withDetail(sentence: string, detail: string): string {
  return detail ? `${sentence} ${detail.replace(/\s+$/, '')}` : sentence;
}

/** Turns anything a model call can throw into a retry decision and a sentence. */
export function classifyFailure(err: unknown, ctx: FailureContext): ClassifiedFailure {
  if (err instanceof ModelError) {
    const { retryable, status, code } = err.options;
    return { retryable: retryable === true, status, code, message: err.message };
  }
  if (err instanceof APIConnectionTimeoutError) {
    return { retryable: true, message: `The server at ${ctx.baseUrl} did not answer in time.` };
  }
  if (err instanceof APIConnectionError) {
    return { retryable: true, message: `The server at ${ctx.baseUrl} is not reachable.` };
  }
  if (err instanceof APIError) {
    return { ...classifyApiError(err, ctx), code: typeof err.code === 'string' ? err.code : undefined };
  }
  // fetch's body reader throws plain errors (TypeError: terminated) when the socket dies.
  const why = err instanceof Error ? err.message : String(err);
  return { retryable: true, message: `The connection to ${ctx.baseUrl} broke mid-response (${why}).` };
}

/**
 * Error codes reported inside a stream (Responses `error` / `response.failed`, or a chat
 * chunk carrying `error`): transient ones, or no code at all, are worth retrying; a
 * rejected prompt (e.g. 'context_length_exceeded') will fail the same way again.
 */
export function isRetryableCode(code: string | null | undefined): boolean {
  if (!code) return true;
  return /server_error|internal|overloaded|rate_limit|slow_down|timeout|unavailable/i.test(code);
}

function classifyApiError(err: APIError, ctx: FailureContext): ClassifiedFailure {
  const status = err.status as number | undefined;
  const detail = apiMessage(err);
  if (status === undefined) {
    // An error object inside an otherwise good stream (chat servers send these).
    const code = typeof err.code === 'string' ? err.code : undefined;
    return { retryable: isRetryableCode(code), message: withDetail('The server reported an error mid-response.', detail) };
  }
  const retryAfterMs = parseRetryAfter(err.headers as Headers | undefined);
  if (status === 401) return { retryable: false, status, message: 'The API key was rejected (401). Set a valid key.' };
  if (status === 403) return { retryable: false, status, message: withDetail('Access was denied (403).', detail) };
  if (status === 404) {
    return {
      retryable: false,
      status,
      message: `Model not found: ${ctx.model} (the server at ${ctx.baseUrl} answered 404; check the model name and base URL).`,
    };
  }
  if (status === 429) return { retryable: true, status, retryAfterMs, message: withDetail('The server is rate limiting requests (429).', detail) };
  if (status === 408 || status === 409 || status >= 500) {
    return { retryable: true, status, retryAfterMs, message: withDetail(`The server failed to answer (${status}).`, detail) };
  }
  return { retryable: false, status, message: withDetail(`The server rejected the request (${status}).`, detail) };
}

export function backoffDelay(retry: number, opts: Required<Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs' | 'random'>>): number {
  const exp = Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** retry);
  // Jitter within [50%, 100%] of the step so synchronized clients spread out.
  return Math.round(exp * (0.5 + 0.5 * opts.random()));
}

/**
 * Runs `attempt` and re-runs it from the start on retryable failures. `attempt` must throw
 * (not return) when its stream ends without a final `completed` event.
 */
export async function* streamWithRetries(
  attempt: () => AsyncIterable<ModelEvent>,
  signal: AbortSignal,
  ctx: FailureContext,
  options: RetryOptions = {},
): AsyncGenerator<ModelEvent> {
  const maxRetries = options.maxRetries ?? 5;
  const timing = {
    baseDelayMs: options.baseDelayMs ?? 500,
    maxDelayMs: options.maxDelayMs ?? 60_000,
    random: options.random ?? Math.random,
  };
  const sleep = options.sleep ?? realSleep;
  for (let retry = 0; ; retry++) {
    if (signal.aborted) throw new AbortError();
    try {
      yield* attempt();
      return;
    } catch (err) {
      if (signal.aborted || isAbortError(err)) throw new AbortError();
      const failure = classifyFailure(err, ctx);
      if (!failure.retryable || retry >= maxRetries) {
        const message =
          failure.retryable && retry > 0 ? `${failure.message} Gave up after ${retry + 1} attempts.` : failure.message;
        const { status, retryable, code } = failure;
        throw new ModelError(message, { status, retryable, code, cause: err });
      }
      const delayMs = Math.min(timing.maxDelayMs, failure.retryAfterMs ?? backoffDelay(retry, timing));
      yield { type: 'retrying', attempt: retry + 1, delayMs, reason: failure.message };
      await sleep(delayMs, signal);
    }
  }
}
