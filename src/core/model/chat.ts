// ModelClient over Chat Completions, for OpenAI-compatible servers (Ollama, vLLM,
// LM Studio, gateways). Contract:
// - `instructions` becomes the leading system message ('system', not 'developer': every
//   compatible server knows 'system').
// - An assistant message and the function calls right after it become ONE assistant
//   message with `tool_calls` (that is how the server produced them); outputs become
//   role 'tool' messages.
// - Reasoning entries are NOT sent back. Compatible servers drop earlier reasoning from
//   the prompt template anyway, and some reject `reasoning_content` in input messages.
//   They stay in history for display.
// - `prompt_cache_key` is not sent: compatible servers cache prefixes on their own and
//   some reject unknown fields. `reasoning_effort` is sent only when configured.
// - Streamed tool calls are accumulated by `index` (id and name arrive first, arguments
//   in pieces, several calls per response); reasoning deltas come from `reasoning_content`
//   or `reasoning` depending on the server; usage comes from the final chunk
//   (stream_options.include_usage).
// - `delta.content` is a string, or (Mistral's thinking models) an array of parts:
//   `{type:'text'}` parts are text, `{type:'thinking'}` parts are reasoning, and any other
//   shape is left out and reported as a warning of the completed event, never stringified.
// - A stream that ends without a finish_reason broke and is retried; finish_reason
//   'length' means the answer was cut off and is reported, not retried.
import type OpenAI from 'openai';
import type {
  ChatCompletionChunk,
  ChatCompletionCreateParamsStreaming,
  ChatCompletionMessageParam,
  ChatCompletionMessageFunctionToolCall,
} from 'openai/resources/chat/completions/completions';
import { ModelError, type HistoryEntry, type ModelEvent, type ModelRequest } from './types';
import type { Usage } from '../types/events';
import { AbortError } from './retry';
import { SdkModelClient } from './sdk';
import { chatUserContent } from './imageParts';

export function toChatMessages(instructions: string, history: HistoryEntry[], images?: ReadonlyMap<string, string>): ChatCompletionMessageParam[] {
  const messages: ChatCompletionMessageParam[] = [{ role: 'system', content: instructions }];
  // The assistant message that function calls attach to, while calls keep coming.
  let open: { role: 'assistant'; content: string | null; tool_calls?: ChatCompletionMessageFunctionToolCall[] } | undefined;
  for (const entry of history) {
    if (entry.type === 'function_call') {
      if (!open) {
        open = { role: 'assistant', content: null };
        messages.push(open);
      }
      (open.tool_calls ??= []).push({
        id: entry.callId,
        type: 'function',
        function: { name: entry.name, arguments: entry.arguments },
      });
      continue;
    }
    if (entry.type === 'reasoning') continue; // see the header
    open = undefined;
    if (entry.type === 'function_call_output') {
      messages.push({ role: 'tool', tool_call_id: entry.callId, content: entry.output });
    } else if (entry.role === 'assistant') {
      open = { role: 'assistant', content: entry.content };
      messages.push(open);
    } else if (entry.images?.length) {
      // a user message with images: a content array (imageParts.ts)
      messages.push({ role: 'user', content: chatUserContent(entry.content, entry.images, images) });
    } else {
      messages.push({ role: 'user', content: entry.content });
    }
  }
  return messages;
}

export function toChatParams(request: ModelRequest): ChatCompletionCreateParamsStreaming {
  return {
    model: request.model,
    messages: toChatMessages(request.instructions, request.input, request.images),
    ...(request.tools.length > 0
      ? {
          tools: request.tools.map((tool) => ({
            type: 'function' as const,
            function: { name: tool.name, description: tool.description, parameters: tool.parameters },
          })),
        }
      : {}),
    stream: true,
    stream_options: { include_usage: true },
    ...(request.reasoningEffort ? { reasoning_effort: request.reasoningEffort } : {}),
    ...(request.outputSchema
      ? { response_format: { type: 'json_schema' as const, json_schema: { name: request.outputSchema.name, schema: request.outputSchema.schema, strict: false } } }
      : {}),
  };
}

export function fromChatUsage(usage: ChatCompletionChunk['usage']): Usage {
  return {
    inputTokens: usage?.prompt_tokens ?? 0,
    cachedInputTokens: usage?.prompt_tokens_details?.cached_tokens ?? 0,
    outputTokens: usage?.completion_tokens ?? 0,
    reasoningTokens: usage?.completion_tokens_details?.reasoning_tokens ?? 0,
  };
}

interface PendingCall {
  id: string;
  name: string;
  arguments: string;
}

/** Folds streamed tool-call pieces into whole calls, in index order. */
class ToolCallAccumulator {
  private readonly calls = new Map<number, PendingCall>();
  private last = -1;

  add(delta: NonNullable<ChatCompletionChunk.Choice.Delta['tool_calls']>[number]): void {
    // Servers that omit `index` send each call whole or continue the last one.
    let index = typeof delta.index === 'number' ? delta.index : this.last;
    if (typeof delta.index !== 'number' && (index < 0 || (delta.id && this.calls.get(index)?.id !== delta.id))) {
      index = this.calls.size === 0 ? 0 : Math.max(...this.calls.keys()) + 1;
    }
    this.last = index;
    const call = this.calls.get(index) ?? { id: '', name: '', arguments: '' };
    if (delta.id) call.id = delta.id;
    if (delta.function?.name) call.name += delta.function.name;
    if (delta.function?.arguments) call.arguments += delta.function.arguments;
    this.calls.set(index, call);
  }

  entries(): HistoryEntry[] {
    return [...this.calls.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, call]) => ({
        type: 'function_call' as const,
        // Some local servers send no id; the history needs one to pair the output.
        callId: call.id || `call_${index}_${Math.random().toString(36).slice(2, 10)}`,
        name: call.name,
        arguments: call.arguments || '{}',
      }));
  }
}

type ContentPiece = { kind: 'text' | 'reasoning'; text: string } | { kind: 'unusable'; what: string };

/** How the warning names a part that is neither text nor thinking. */
function describePart(part: unknown): string {
  const type = typeof part === 'object' && part !== null ? (part as { type?: unknown }).type : undefined;
  if (typeof type === 'string') return `a content part of type ${JSON.stringify(type.slice(0, 40))} that Tandem cannot use`;
  return `a content part Tandem cannot read: ${String(JSON.stringify(part)).slice(0, 80)}`;
}

/**
 * The text and reasoning in a `delta.content`, in order: a string is text; an array (or
 * a single part) holds `{type:'text', text}` parts (text) and `{type:'thinking', thinking}`
 * parts, whose `thinking` is a string or an array of text parts (reasoning).
 */
function readContent(content: unknown): ContentPiece[] {
  if (content === null || content === undefined || content === '') return [];
  if (typeof content === 'string') return [{ kind: 'text', text: content }];
  const out: ContentPiece[] = [];
  const read = (part: unknown, kind: 'text' | 'reasoning') => {
    const p = (typeof part === 'object' && part !== null ? part : {}) as { type?: unknown; text?: unknown; thinking?: unknown };
    if (p.type === 'text' && typeof p.text === 'string') out.push({ kind, text: p.text });
    else if (p.type === 'thinking' && kind === 'text' && typeof p.thinking === 'string') out.push({ kind: 'reasoning', text: p.thinking });
    else if (p.type === 'thinking' && kind === 'text' && Array.isArray(p.thinking)) for (const inner of p.thinking) read(inner, 'reasoning');
    else out.push({ kind: 'unusable', what: describePart(part) });
  };
  for (const part of Array.isArray(content) ? content : [content]) read(part, 'text');
  return out;
}

/** One sentence per kind of unusable part, with how often it came. */
function warningsOf(unusable: Map<string, number>): string[] | undefined {
  if (unusable.size === 0) return undefined;
  return [...unusable].map(([what, n]) => `The model sent ${what}${n > 1 ? ` (${n} times)` : ''}; it was left out of the answer.`);
}

async function* attemptChat(openai: OpenAI, request: ModelRequest): AsyncGenerator<ModelEvent> {
  const stream = await openai.chat.completions.create(toChatParams(request), { signal: request.signal });
  request.onResponseStart?.();
  const calls = new ToolCallAccumulator();
  let text = '';
  let reasoning = '';
  let finishReason: string | null = null;
  let usage: ChatCompletionChunk['usage'];
  const unusable = new Map<string, number>();
  for await (const chunk of stream as AsyncIterable<ChatCompletionChunk>) {
    // Events already buffered keep coming after an abort; the consumer wants none.
    if (request.signal.aborted) throw new AbortError();
    if (chunk.usage) usage = chunk.usage;
    const choice = chunk.choices?.[0];
    if (!choice) continue;
    const delta = (choice.delta ?? {}) as ChatCompletionChunk.Choice.Delta & {
      reasoning_content?: string | null;
      reasoning?: string | null;
    };
    const thought = delta.reasoning_content ?? delta.reasoning;
    if (thought) {
      reasoning += thought;
      yield { type: 'reasoning_delta', text: thought };
    }
    for (const piece of readContent(delta.content as unknown)) {
      if (piece.kind === 'unusable') unusable.set(piece.what, (unusable.get(piece.what) ?? 0) + 1);
      else if (piece.text === '') continue;
      else if (piece.kind === 'reasoning') {
        reasoning += piece.text;
        yield { type: 'reasoning_delta', text: piece.text };
      } else {
        text += piece.text;
        yield { type: 'text_delta', text: piece.text };
      }
    }
    for (const call of delta.tool_calls ?? []) calls.add(call);
    if (choice.finish_reason) finishReason = choice.finish_reason;
  }
  if (request.signal.aborted) throw new AbortError();
  if (!finishReason) {
    throw new ModelError('The response stream ended before the response was complete.', { retryable: true });
  }
  if (finishReason === 'length') {
    throw new ModelError('The model stopped before finishing (length).', { retryable: false, code: 'length' });
  }
  const output: HistoryEntry[] = [];
  if (reasoning) output.push({ type: 'reasoning', summary: reasoning });
  if (text) output.push({ type: 'message', role: 'assistant', content: text });
  output.push(...calls.entries());
  const warnings = warningsOf(unusable);
  yield { type: 'completed', output, usage: fromChatUsage(usage), ...(warnings ? { warnings } : {}) };
}

export class ChatClient extends SdkModelClient {
  readonly wire = 'chat' as const;

  protected attempt(openai: OpenAI, request: ModelRequest): AsyncIterable<ModelEvent> {
    return attemptChat(openai, request);
  }
}
