// ModelClient over OpenAI's Responses API (POST /responses, streamed).
// Contract:
// - Stateless: `store: false`, the whole history is sent every time. Reasoning survives
//   between requests only as `encrypted_content` (requested with
//   include: ['reasoning.encrypted_content']) and is replayed as `reasoning` input items.
// - Replayed reasoning items carry no `id`: with `store: false` the server may try to look
//   an echoed id up and fail ("Item with id 'rs_…' not found"); the encrypted content is
//   what the model needs. Reasoning entries without encrypted content cannot be replayed
//   and are skipped (e.g. history written by the chat wire).
// - A reasoning entry's summary is the summary parts joined by a blank line; it is sent
//   back as one part (the model reads the encrypted content, not the summary).
// - Events: text_delta from response.output_text.delta, reasoning_delta from
//   response.reasoning_summary_text.delta (a blank line between summary parts), one
//   `completed` from response.completed. A stream that ends without it is an error
//   (retried), as are `error` and `response.failed` events with transient codes.
import type OpenAI from 'openai';
import type {
  Response,
  ResponseCreateParamsStreaming,
  ResponseInputItem,
  ResponseOutputItem,
  ResponseStreamEvent,
  FunctionTool,
} from 'openai/resources/responses/responses';
import { ModelError, type HistoryEntry, type ModelEvent, type ModelRequest } from './types';
import type { Usage } from '../types/events';
import { AbortError, isRetryableCode } from './retry';
import { SdkModelClient } from './sdk';
import { responsesUserContent } from './imageParts';

/** Models that reason (and so accept `reasoning` and return encrypted reasoning). */
export function isReasoningModel(model: string): boolean {
  return /^(o\d|gpt-5|codex)/i.test(model.replace(/^.*\//, ''));
}

export function toResponsesInput(history: HistoryEntry[], images?: ReadonlyMap<string, string>): ResponseInputItem[] {
  const items: ResponseInputItem[] = [];
  for (const entry of history) {
    switch (entry.type) {
      case 'message':
        // a user message with images: a content array (imageParts.ts)
        if (entry.role === 'user' && entry.images?.length) items.push({ type: 'message', role: 'user', content: responsesUserContent(entry.content, entry.images, images) });
        else items.push({ type: 'message', role: entry.role, content: entry.content });
        break;
      case 'reasoning': {
        if (!entry.encryptedContent) break;
        const summary = entry.summary ? [{ type: 'summary_text' as const, text: entry.summary }] : [];
        // Deliberately without `id` (see the header).
        items.push({ type: 'reasoning', summary, encrypted_content: entry.encryptedContent } as ResponseInputItem);
        break;
      }
      case 'function_call':
        items.push({ type: 'function_call', call_id: entry.callId, name: entry.name, arguments: entry.arguments });
        break;
      case 'function_call_output':
        items.push({ type: 'function_call_output', call_id: entry.callId, output: entry.output });
        break;
    }
  }
  return items;
}

export function fromResponsesOutput(output: ResponseOutputItem[]): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  for (const item of output) {
    if (item.type === 'message') {
      const text = item.content.map((part) => (part.type === 'output_text' ? part.text : part.refusal)).join('');
      if (text) entries.push({ type: 'message', role: 'assistant', content: text });
    } else if (item.type === 'reasoning') {
      entries.push({
        type: 'reasoning',
        id: item.id,
        summary: item.summary.map((part) => part.text).join('\n\n'),
        ...(item.encrypted_content ? { encryptedContent: item.encrypted_content } : {}),
      });
    } else if (item.type === 'function_call') {
      entries.push({ type: 'function_call', callId: item.call_id, name: item.name, arguments: item.arguments });
    }
  }
  return entries;
}

export function fromResponsesUsage(usage: Response['usage']): Usage {
  return {
    inputTokens: usage?.input_tokens ?? 0,
    cachedInputTokens: usage?.input_tokens_details?.cached_tokens ?? 0,
    outputTokens: usage?.output_tokens ?? 0,
    reasoningTokens: usage?.output_tokens_details?.reasoning_tokens ?? 0,
  };
}

export function toResponsesParams(request: ModelRequest): ResponseCreateParamsStreaming {
  const reasoning = isReasoningModel(request.model) || request.reasoningEffort !== undefined;
  const tools: FunctionTool[] = request.tools.map((tool) => ({
    type: 'function',
    name: tool.name,
    description: tool.description,
    parameters: tool.parameters,
    strict: false,
  }));
  return {
    model: request.model,
    instructions: request.instructions,
    input: toResponsesInput(request.input, request.images),
    ...(tools.length > 0 ? { tools } : {}),
    store: false,
    stream: true,
    // Non-reasoning models (gpt-4.1, local models behind a Responses shim) reject these.
    ...(reasoning
      ? {
          include: ['reasoning.encrypted_content' as const],
          reasoning: { ...(request.reasoningEffort ? { effort: request.reasoningEffort } : {}), summary: 'auto' as const },
        }
      : {}),
    ...(request.promptCacheKey ? { prompt_cache_key: request.promptCacheKey } : {}),
    ...(request.outputSchema
      ? { text: { format: { type: 'json_schema' as const, name: request.outputSchema.name, schema: request.outputSchema.schema, strict: false } } }
      : {}),
  };
}

function failed(message: string, code: string | null | undefined): ModelError {
  return new ModelError(message, { retryable: isRetryableCode(code), code: code ?? undefined });
}

/** One attempt: one HTTP request, its events mapped; throws if it ends without completing. */
async function* attemptResponses(openai: OpenAI, request: ModelRequest): AsyncGenerator<ModelEvent> {
  const stream = await openai.responses.create(toResponsesParams(request), { signal: request.signal });
  request.onResponseStart?.();
  const doneItems: ResponseOutputItem[] = [];
  let lastSummaryKey = '';
  for await (const event of stream as AsyncIterable<ResponseStreamEvent>) {
    // Events already buffered keep coming after an abort; the consumer wants none.
    if (request.signal.aborted) throw new AbortError();
    switch (event.type) {
      case 'response.output_text.delta':
        if (event.delta) yield { type: 'text_delta', text: event.delta };
        break;
      case 'response.reasoning_summary_text.delta': {
        const key = `${event.item_id}:${event.summary_index}`;
        const separator = lastSummaryKey && lastSummaryKey !== key ? '\n\n' : '';
        lastSummaryKey = key;
        if (event.delta) yield { type: 'reasoning_delta', text: separator + event.delta };
        break;
      }
      case 'response.output_item.done':
        doneItems.push(event.item);
        break;
      case 'response.completed': {
        // Some gateways send an empty `output` on completion; fall back to the items seen.
        const output = event.response.output?.length ? event.response.output : doneItems;
        yield { type: 'completed', output: fromResponsesOutput(output), usage: fromResponsesUsage(event.response.usage) };
        return;
      }
      case 'response.incomplete': {
        const reason = event.response.incomplete_details?.reason ?? 'unknown reason';
        throw new ModelError(`The model stopped before finishing (${reason}).`, { retryable: false, code: reason });
      }
      case 'response.failed': {
        const error = event.response.error;
        throw failed(`The model failed: ${error?.message ?? 'no reason given'}`, error?.code);
      }
      case 'error':
        throw failed(`The server reported an error: ${event.message}`, event.code);
      default:
        break;
    }
  }
  // The SDK ends iteration quietly when the request is aborted.
  if (request.signal.aborted) throw new AbortError();
  throw new ModelError('The response stream ended before the response was complete.', { retryable: true });
}

export class ResponsesClient extends SdkModelClient {
  readonly wire = 'responses' as const;

  protected attempt(openai: OpenAI, request: ModelRequest): AsyncIterable<ModelEvent> {
    return attemptResponses(openai, request);
  }
}
