// The model as the agent loop sees it: one streaming request at a time over a
// model-neutral history. Two implementations over the `openai` package: the Responses
// API (OpenAI) and Chat Completions (Ollama, vLLM, LM Studio, other compatible servers).
import type { Usage } from '../types/events';
import type { ImageRef } from '../types/items';

export type ReasoningEffort = 'minimal' | 'low' | 'medium' | 'high';
export type WireApi = 'responses' | 'chat';

/** The conversation as sent to the model. Append-only between compactions. */
export type HistoryEntry =
  | {
      type: 'message';
      role: 'user' | 'assistant';
      content: string;
      /** User messages: images sent after the text, by reference (bytes: ModelRequest.images). */
      images?: ImageRef[];
    }
  | {
      type: 'reasoning';
      /** Provider id of the reasoning item (Responses API). */
      id?: string;
      summary: string;
      /** `store: false` carries reasoning between requests only in this encrypted form. */
      encryptedContent?: string;
    }
  | { type: 'function_call'; callId: string; name: string; arguments: string }
  | { type: 'function_call_output'; callId: string; output: string };

export interface ToolSpec {
  name: string;
  description: string;
  /** JSON Schema of the arguments. */
  parameters: Record<string, unknown>;
}

export interface ModelRequest {
  model: string;
  /** System instructions: byte-stable across the session so the prompt cache hits. */
  instructions: string;
  input: HistoryEntry[];
  tools: ToolSpec[];
  reasoningEffort?: ReasoningEffort;
  /** Per-session key so the provider routes requests to the same cache. */
  promptCacheKey?: string;
  /** `data:` URLs of the images the input refers to, by hash (a missing one is sent as a note). */
  images?: ReadonlyMap<string, string>;
  /**
   * Ask for the final answer as JSON matching this schema (Responses `text.format`,
   * Chat Completions `response_format`; not strict: the caller validates the answer).
   */
  outputSchema?: OutputSchema;
  signal: AbortSignal;
  /**
   * Called when the server has accepted the request and started its response (HTTP
   * headers in): the request has left, the model is working. Optional for clients; the
   * agent uses it to do start-up work in that wait (agent/warmUp.ts).
   */
  onResponseStart?: () => void;
}

/** A JSON Schema for structured output, with the name the wire APIs require. */
export interface OutputSchema {
  /** Letters, digits, '_' and '-' (at most 64). */
  name: string;
  schema: Record<string, unknown>;
}

export type ModelEvent =
  | { type: 'text_delta'; text: string }
  | { type: 'reasoning_delta'; text: string }
  /**
   * The stream broke (or was refused) and the request is being retried from the start:
   * the consumer must discard partial output of this request.
   */
  | { type: 'retrying'; attempt: number; delayMs: number; reason: string }
  /**
   * End of the response: the entries to append to history, and token use. `warnings`:
   * parts of the response the client could not use and left out (e.g. a content part of
   * an unknown type), one sentence each, for the user; they never enter the history.
   */
  | { type: 'completed'; output: HistoryEntry[]; usage: Usage; warnings?: string[] };

export interface ModelClient {
  readonly wire: WireApi;
  /** Throws ModelError for failures that retries did not cure. */
  stream(request: ModelRequest): AsyncIterable<ModelEvent>;
}

export class ModelError extends Error {
  constructor(
    message: string,
    /** `code`: the provider's error code when known (e.g. 'context_length_exceeded'). */
    readonly options: { status?: number; retryable?: boolean; code?: string; cause?: unknown } = {},
  ) {
    super(message);
    this.name = 'ModelError';
  }
}

export interface ModelConfig {
  model: string;
  /** Defaults to OPENAI_BASE_URL, then the OpenAI API. */
  baseUrl?: string;
  /** Defaults to OPENAI_API_KEY. Local servers (Ollama) accept any non-empty key. */
  apiKey?: string;
  /** Chosen explicitly, or auto-detected: OpenAI's API -> responses, anything else -> chat. */
  wire?: WireApi;
  reasoningEffort?: ReasoningEffort;
  /** Tokens. Defaults by model name where known, else 128k. */
  contextWindow?: number;
  /** Compact when the prompt reaches this share of the window (default 0.85). */
  compactThreshold?: number;
  /** Extra request headers (e.g. for gateways). */
  headers?: Record<string, string>;
  maxRetries?: number;
  /** Send images (attachments, view_image). Default true; false for models that take text only. */
  images?: boolean;
}
