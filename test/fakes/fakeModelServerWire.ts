// Wire formats of the fake model server: wire-neutral replies rendered as the exact
// server-sent events OpenAI sends (Responses API and Chat Completions), and requests of
// either format read back into the model-neutral history. See fakeModelServer.ts for
// the Reply format.
import { createHash } from 'node:crypto';
import { imageSize } from 'image-size';
import type { HistoryEntry } from '../../src/core/model/types';
import type { ImageMime, ImageRef } from '../../src/core/types/items';

export interface ToolCallScript {
  name: string;
  /** JSON text, or an object that is serialized. */
  arguments: string | Record<string, unknown>;
  /** Default: call_<n> unique per server. */
  callId?: string;
}

export interface UsageScript {
  inputTokens?: number;
  cachedInputTokens?: number;
  outputTokens?: number;
  reasoningTokens?: number;
}

export interface StreamReply {
  text?: string;
  /** Responses: the reasoning summary; chat: `reasoning_content` (or `reasoning`). */
  reasoning?: string;
  /** Responses: encrypted_content of the reasoning item (default derived from the text). */
  encryptedReasoning?: string;
  toolCalls?: ToolCallScript[];
  usage?: UsageScript;
  /** Characters per text / reasoning / arguments delta (default 4). */
  chunkSize?: number;
  /** Pause between SSE events (default 0). */
  chunkDelayMs?: number;
  /** Destroy the socket after this many SSE events. */
  cutAfterChunks?: number;
  /** Before the final events, wait this long; 'forever' never finishes (abort tests). */
  hangMs?: number | 'forever';
  /** Chat only: the delta field carrying reasoning (servers differ). */
  chatReasoningField?: 'reasoning_content' | 'reasoning';
  /**
   * Chat only: stream reasoning and text as Mistral's thinking models do, in `delta.content`
   * as arrays of parts: `{type:'thinking', thinking:[{type:'text', text}]}` for reasoning,
   * `{type:'text', text}` for text; the chunk where the reasoning ends carries both, and
   * the last piece of text comes as a plain string.
   */
  chatContentParts?: boolean;
  /** Chat only: `delta.content` values sent verbatim after the text (shapes a client must not choke on). */
  chatRawContent?: unknown[];
  /** Send these SSE frames verbatim instead of rendering the reply (a stream recorded from a real server). */
  recordedFrames?: string[];
  /** Finish with an in-stream failure: Responses `response.failed`, chat `data: {error}`. */
  streamError?: { code?: string; message: string };
}

export interface FailureReply {
  status: number;
  /** Sent as the Retry-After header (seconds, or an HTTP date string). */
  retryAfter?: number | string;
  /** Sent as the retry-after-ms header. */
  retryAfterMs?: number;
  /** JSON body; default an OpenAI-shaped { error: { message, type, code } }. */
  body?: unknown;
  message?: string;
}

export type Reply = StreamReply | FailureReply;

export function isFailure(reply: Reply): reply is FailureReply {
  return typeof (reply as FailureReply).status === 'number';
}

export function errorBody(status: number, message?: string, code?: string | null): unknown {
  const type = status === 401 ? 'invalid_request_error' : status === 429 ? 'rate_limit_error' : status >= 500 ? 'server_error' : 'invalid_request_error';
  return { error: { message: message ?? `Fake failure (${status}).`, type, param: null, code: code ?? null } };
}

/** A request of either wire format, as model-neutral history. */
export function neutralInput(wire: 'responses' | 'chat', body: any): { instructions: string; input: HistoryEntry[] } {
  const input: HistoryEntry[] = [];
  if (wire === 'responses') {
    const items = typeof body?.input === 'string' ? [{ type: 'message', role: 'user', content: body.input }] : (body?.input ?? []);
    for (const item of items) {
      const type = item.type ?? 'message';
      if (type === 'message') input.push(message(item.role, item.content));
      else if (type === 'reasoning') {
        const summary = (item.summary ?? []).map((s: any) => s.text).join('\n\n');
        input.push({ type: 'reasoning', id: item.id, summary, encryptedContent: item.encrypted_content ?? undefined });
      } else if (type === 'function_call') input.push({ type: 'function_call', callId: item.call_id, name: item.name, arguments: item.arguments });
      else if (type === 'function_call_output') input.push({ type: 'function_call_output', callId: item.call_id, output: contentText(item.output) });
    }
    return { instructions: body?.instructions ?? '', input };
  }
  let instructions = '';
  for (const m of body?.messages ?? []) {
    if (m.role === 'system' || m.role === 'developer') instructions += (instructions ? '\n' : '') + contentText(m.content);
    else if (m.role === 'tool') input.push({ type: 'function_call_output', callId: m.tool_call_id, output: contentText(m.content) });
    else {
      const text = contentText(m.content);
      if (text || !m.tool_calls) input.push(message(m.role, m.content));
      for (const call of m.tool_calls ?? []) {
        input.push({ type: 'function_call', callId: call.id, name: call.function.name, arguments: call.function.arguments });
      }
    }
  }
  return { instructions, input };
}

/**
 * A message of either wire: its text, and the images of a content array (Responses
 * `input_image`, chat `image_url`) decoded from their data URLs and logged as ImageRefs
 * (sha256 of the bytes, type, pixel size), so tests compare them with what was stored.
 * A part that is not a well-formed image data URL fails the request, as a real server does.
 */
function message(role: 'user' | 'assistant', content: unknown): HistoryEntry {
  const images: ImageRef[] = [];
  if (Array.isArray(content)) {
    for (const p of content) {
      if (p?.type === 'input_image') images.push(decodeImage(p.image_url));
      else if (p?.type === 'image_url') images.push(decodeImage(p.image_url?.url));
    }
  }
  return { type: 'message', role, content: contentText(content), ...(images.length ? { images } : {}) };
}

export class BadRequest extends Error {}

function decodeImage(url: unknown): ImageRef {
  const m = typeof url === 'string' ? /^data:(image\/(?:png|jpeg|gif|webp));base64,([A-Za-z0-9+/=]+)$/.exec(url) : null;
  if (!m) throw new BadRequest(`Invalid image URL: expected a base64 data URL of a PNG, JPEG, GIF or WebP image, got ${String(url).slice(0, 40)}.`);
  const bytes = Buffer.from(m[2], 'base64');
  const size = imageSize(bytes);
  return { hash: createHash('sha256').update(bytes).digest('hex'), mime: m[1] as ImageMime, width: size.width, height: size.height };
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((p: any) => p?.text ?? p?.refusal ?? '').join('');
  return content == null ? '' : JSON.stringify(content);
}

function pieces(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

export interface RenderContext {
  model: string;
  /** Unique per server, for ids. */
  seq: () => number;
  /** Rough size of the request (bytes) for default usage numbers. */
  requestBytes: number;
  body: any;
}

export interface Rendered {
  /** Complete SSE frames, each ending in a blank line. */
  frames: string[];
  /** Index of the first final frame (where `hangMs` waits). */
  finalFrom: number;
}

function usageNumbers(reply: StreamReply, ctx: RenderContext, calls: Array<{ arguments: string }>) {
  const generated = (reply.text ?? '') + (reply.reasoning ?? '') + calls.map((c) => c.arguments).join('');
  return {
    input: reply.usage?.inputTokens ?? Math.ceil(ctx.requestBytes / 4),
    cached: reply.usage?.cachedInputTokens ?? 0,
    output: reply.usage?.outputTokens ?? Math.ceil(generated.length / 4),
    reasoning: reply.usage?.reasoningTokens ?? Math.ceil((reply.reasoning ?? '').length / 4),
  };
}

function calls(reply: StreamReply, ctx: RenderContext) {
  return (reply.toolCalls ?? []).map((c) => ({
    name: c.name,
    arguments: typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments),
    callId: c.callId ?? `call_${ctx.seq()}`,
  }));
}

export function renderResponses(reply: StreamReply, ctx: RenderContext): Rendered {
  const frames: string[] = [];
  let sequence = 0;
  const emit = (type: string, fields: Record<string, unknown>) => {
    frames.push(`event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: sequence++, ...fields })}\n\n`);
  };
  const size = Math.max(1, reply.chunkSize ?? 4);
  const id = `resp_${ctx.seq()}`;
  const base = {
    id, object: 'response', created_at: Math.floor(Date.now() / 1000), error: null, incomplete_details: null,
    instructions: ctx.body?.instructions ?? null, max_output_tokens: null, model: ctx.model, parallel_tool_calls: true,
    previous_response_id: null, reasoning: { effort: ctx.body?.reasoning?.effort ?? null, summary: ctx.body?.reasoning?.summary ?? null },
    store: false, temperature: 1, text: { format: { type: 'text' } }, tool_choice: 'auto', tools: ctx.body?.tools ?? [],
    top_p: 1, truncation: 'disabled', user: null, metadata: {},
  };
  emit('response.created', { response: { ...base, status: 'in_progress', output: [], usage: null } });
  emit('response.in_progress', { response: { ...base, status: 'in_progress', output: [], usage: null } });
  const output: any[] = [];
  if (reply.reasoning !== undefined) {
    const itemId = `rs_${ctx.seq()}`;
    const wantsEncrypted = (ctx.body?.include ?? []).includes('reasoning.encrypted_content');
    const index = output.length;
    emit('response.output_item.added', { output_index: index, item: { id: itemId, type: 'reasoning', summary: [] } });
    emit('response.reasoning_summary_part.added', { item_id: itemId, output_index: index, summary_index: 0, part: { type: 'summary_text', text: '' } });
    for (const delta of pieces(reply.reasoning, size)) {
      emit('response.reasoning_summary_text.delta', { item_id: itemId, output_index: index, summary_index: 0, delta });
    }
    emit('response.reasoning_summary_text.done', { item_id: itemId, output_index: index, summary_index: 0, text: reply.reasoning });
    const part = { type: 'summary_text', text: reply.reasoning };
    emit('response.reasoning_summary_part.done', { item_id: itemId, output_index: index, summary_index: 0, part });
    const encrypted = reply.encryptedReasoning ?? `enc:${Buffer.from(`${itemId}:${reply.reasoning}`).toString('base64')}`;
    const item = { id: itemId, type: 'reasoning', summary: [part], ...(wantsEncrypted ? { encrypted_content: encrypted } : {}) };
    emit('response.output_item.done', { output_index: index, item });
    output.push(item);
  }
  if (reply.text !== undefined) {
    const itemId = `msg_${ctx.seq()}`;
    const index = output.length;
    emit('response.output_item.added', { output_index: index, item: { id: itemId, type: 'message', status: 'in_progress', content: [], role: 'assistant' } });
    const emptyPart = { type: 'output_text', annotations: [], logprobs: [], text: '' };
    emit('response.content_part.added', { item_id: itemId, output_index: index, content_index: 0, part: emptyPart });
    for (const delta of pieces(reply.text, size)) {
      emit('response.output_text.delta', { item_id: itemId, output_index: index, content_index: 0, delta, logprobs: [] });
    }
    emit('response.output_text.done', { item_id: itemId, output_index: index, content_index: 0, text: reply.text, logprobs: [] });
    const part = { ...emptyPart, text: reply.text };
    emit('response.content_part.done', { item_id: itemId, output_index: index, content_index: 0, part });
    const item = { id: itemId, type: 'message', status: 'completed', content: [part], role: 'assistant' };
    emit('response.output_item.done', { output_index: index, item });
    output.push(item);
  }
  const toolCalls = calls(reply, ctx);
  for (const call of toolCalls) {
    const itemId = `fc_${ctx.seq()}`;
    const index = output.length;
    const started = { id: itemId, type: 'function_call', status: 'in_progress', arguments: '', call_id: call.callId, name: call.name };
    emit('response.output_item.added', { output_index: index, item: started });
    for (const delta of pieces(call.arguments, size)) emit('response.function_call_arguments.delta', { item_id: itemId, output_index: index, delta });
    emit('response.function_call_arguments.done', { item_id: itemId, output_index: index, arguments: call.arguments });
    const item = { ...started, status: 'completed', arguments: call.arguments };
    emit('response.output_item.done', { output_index: index, item });
    output.push(item);
  }
  const finalFrom = frames.length;
  if (reply.streamError) {
    const error = { code: reply.streamError.code ?? 'server_error', message: reply.streamError.message };
    emit('response.failed', { response: { ...base, status: 'failed', error, output, usage: null } });
    return { frames, finalFrom };
  }
  const u = usageNumbers(reply, ctx, toolCalls);
  const usage = {
    input_tokens: u.input, input_tokens_details: { cached_tokens: u.cached },
    output_tokens: u.output, output_tokens_details: { reasoning_tokens: u.reasoning }, total_tokens: u.input + u.output,
  };
  emit('response.completed', { response: { ...base, status: 'completed', output, usage } });
  return { frames, finalFrom };
}

/** `delta.content` values of a Mistral thinking model (see StreamReply.chatContentParts). */
function contentParts(reply: StreamReply, size: number): unknown[] {
  const thinking = pieces(reply.reasoning ?? '', size).map((text) => [{ type: 'thinking', thinking: [{ type: 'text', text }], closed: true }]);
  const text = pieces(reply.text ?? '', size);
  const last = text.pop();
  const out: unknown[] = [...thinking];
  const first = text.shift();
  if (first !== undefined) {
    const tail = out.pop() as unknown[] | undefined;
    out.push([...(tail ?? []), { type: 'text', text: first }]);
  }
  out.push(...text.map((t) => [{ type: 'text', text: t }]));
  if (last !== undefined) out.push(last);
  return out;
}

export function renderChat(reply: StreamReply, ctx: RenderContext): Rendered {
  const frames: string[] = [];
  const size = Math.max(1, reply.chunkSize ?? 4);
  const includeUsage = ctx.body?.stream_options?.include_usage === true;
  const base = { id: `chatcmpl-${ctx.seq()}`, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model: ctx.model, system_fingerprint: 'fp_fake' };
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) => {
    const data = { ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], ...(includeUsage ? { usage: null } : {}) };
    frames.push(`data: ${JSON.stringify(data)}\n\n`);
  };
  chunk({ role: 'assistant', content: '', refusal: null });
  if (reply.chatContentParts) contentParts(reply, size).forEach((content) => chunk({ content }));
  else {
    const field = reply.chatReasoningField ?? 'reasoning_content';
    for (const piece of pieces(reply.reasoning ?? '', size)) chunk({ [field]: piece });
    for (const piece of pieces(reply.text ?? '', size)) chunk({ content: piece });
  }
  for (const content of reply.chatRawContent ?? []) chunk({ content });
  const toolCalls = calls(reply, ctx);
  toolCalls.forEach((call, index) => {
    chunk({ tool_calls: [{ index, id: call.callId, type: 'function', function: { name: call.name, arguments: '' } }] });
    for (const piece of pieces(call.arguments, size)) chunk({ tool_calls: [{ index, function: { arguments: piece } }] });
  });
  const finalFrom = frames.length;
  if (reply.streamError) {
    const error = { message: reply.streamError.message, type: 'server_error', param: null, code: reply.streamError.code ?? null };
    frames.push(`data: ${JSON.stringify({ error })}\n\n`);
    return { frames, finalFrom };
  }
  chunk({}, toolCalls.length > 0 ? 'tool_calls' : 'stop');
  if (includeUsage) {
    const u = usageNumbers(reply, ctx, toolCalls);
    const usage = {
      prompt_tokens: u.input, completion_tokens: u.output, total_tokens: u.input + u.output,
      prompt_tokens_details: { cached_tokens: u.cached, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: u.reasoning, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    };
    frames.push(`data: ${JSON.stringify({ ...base, choices: [], usage })}\n\n`);
  }
  frames.push('data: [DONE]\n\n');
  return { frames, finalFrom };
}
