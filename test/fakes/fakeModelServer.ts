// A fake OpenAI-compatible model server: a REAL node:http server on 127.0.0.1 that speaks
// the Responses API and Chat Completions with server-sent events exactly as OpenAI does
// (event names, JSON shapes, sequence_number, `data: [DONE]`), so the real `openai` SDK
// parses it. Every later test drives the agent through it.
//
// Endpoints: POST /v1/responses, POST /v1/chat/completions, GET /v1/models;
// images in user messages (Responses `input_image`, chat `image_url` data URLs) are
// decoded and logged on the recorded input as ImageRefs (sha256, type, size);
// requests with tools OpenAI rejects get its 400 (see fakeModelServerTools.ts);
// test control: GET /__requests (recorded requests), DELETE /__requests (forget them),
// POST /__rules (replace the rules; body: a rules file, below).
//
// Reply (wire-neutral; rendered in the format the request used):
//   { text?, reasoning?, encryptedReasoning?, toolCalls?: [{ name, arguments, callId? }],
//     usage?: { inputTokens?, cachedInputTokens?, outputTokens?, reasoningTokens? },
//     chunkSize? (chars per delta, default 4), chunkDelayMs? (pause between events),
//     cutAfterChunks? (destroy the socket after N events), hangMs? (number | 'forever':
//     wait before the final events), chatReasoningField? ('reasoning_content' | 'reasoning'),
//     chatContentParts? (content arrays as Mistral's thinking models send), chatRawContent?,
//     streamError?: { code?, message } (Responses `response.failed`, chat `data: {error}`),
//     recordedFrames? (SSE frames sent verbatim: a replayed recording) }
//   or a failure { status, retryAfter? (seconds or HTTP date), retryAfterMs?, body?, message? }.
//   Encrypted reasoning is only sent when the request asked for it (include), like OpenAI.
// Which reply: the queue (enqueue) first, then the handler (setHandler; may return
// undefined to fall through), then the rules; with none of these, HTTP 400 "no reply
// scripted" (not retried by clients, so a forgotten script fails fast).
//
// Conversations (subagents): every model request is recorded with the conversation it
// belongs to (`conversation`: the request's prompt_cache_key, which Tandem sets to the
// session id, else the instructions and first input item) and its number within it
// (`conversationIndex`, from 0), so a handler can script a parent and each child apart.
// Timing: `receivedAt` / `endedAt` (performance.now() of this process) per request, for
// tests that check which requests overlapped (an ordering, never a duration).
//
// Rules file (JSON): an ordered array of { when?: { userContains?, toolOutputContains?,
//   lastInputIsToolOutput?, instructionsContain? }, reply: Reply, times? }, or
//   { rules: [...], defaultReply?: Reply }. Conditions look at the request's LAST input
//   item; the first matching rule with uses left wins; no match -> defaultReply (default
//   { text: 'Done.' }).
//
// As a process (e2e): `node --import tsx test/fakes/fakeModelServer.ts --port N --rules rules.json`
// prints `FAKE_MODEL_SERVER_URL=<baseUrl>` (ending in /v1) once listening.
import http from 'node:http';
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { HistoryEntry } from '../../src/core/model/types';
import { BadRequest, errorBody, isFailure, neutralInput, renderChat, renderResponses, type Reply, type StreamReply } from './fakeModelServerWire';
import { parseRuleSet, pickRuleReply, type Rule, type RuleSet } from './fakeModelServerRules';
import { rejectTools } from './fakeModelServerTools';

export type { Reply, StreamReply, FailureReply, ToolCallScript, UsageScript } from './fakeModelServerWire';
export type { Rule, RuleSet, RuleCondition } from './fakeModelServerRules';

export interface RecordedRequest {
  index: number;
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  /** Parsed JSON body (undefined for GET). */
  body: any;
  wire: 'responses' | 'chat' | 'models' | 'other';
  /** Model-neutral view of a model request. */
  instructions: string;
  input: HistoryEntry[];
  /** The client closed the connection before the reply was finished (abort). */
  clientClosed: boolean;
  /** Which conversation the request belongs to, and its number in it (model requests; see the header). */
  conversation: string;
  conversationIndex: number;
  /** performance.now() when the request arrived, and when its response ended (closed or finished). */
  receivedAt: number;
  endedAt?: number;
}

export type ReplyHandler = (request: RecordedRequest) => Reply | undefined | Promise<Reply | undefined>;

export interface FakeModelServerOptions {
  port?: number;
  host?: string;
  replies?: Reply[];
  handler?: ReplyHandler;
  rules?: RuleSet | Rule[];
  /** Ids listed by GET /v1/models (default ['fake-model']). */
  models?: string[];
  /** When set, requests without `Authorization: Bearer <apiKey>` get 401. */
  apiKey?: string;
}

export interface FakeModelServer {
  /** http://127.0.0.1:PORT */
  url: string;
  /** url + '/v1' (what clients use as base URL). */
  baseUrl: string;
  port: number;
  requests: RecordedRequest[];
  /** Model requests only (responses and chat), in order. */
  modelRequests(): RecordedRequest[];
  enqueue(...replies: Reply[]): void;
  setHandler(handler: ReplyHandler | undefined): void;
  setRules(rules: RuleSet | Rule[] | undefined): void;
  /** Between tests: forget recorded requests, queued replies and the handler (rules stay). */
  reset(): void;
  /** Resolves when the response to request `index` is over; true if the client closed it early. */
  closed(index: number): Promise<boolean>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function startFakeModelServer(options: FakeModelServerOptions = {}): Promise<FakeModelServer> {
  const requests: RecordedRequest[] = [];
  const queue: Reply[] = [...(options.replies ?? [])];
  const closedPromises = new Map<number, Promise<boolean>>();
  let handler = options.handler;
  let rules: RuleSet | undefined = options.rules ? parseRuleSet(options.rules) : undefined;
  let ids = 0;
  const seq = () => ++ids;

  async function pickReply(record: RecordedRequest): Promise<Reply | undefined> {
    if (queue.length > 0) return queue.shift();
    const fromHandler = handler ? await handler(record) : undefined;
    if (fromHandler) return fromHandler;
    return rules ? pickRuleReply(rules, record.instructions, record.input) : undefined;
  }

  async function serveModel(record: RecordedRequest, res: http.ServerResponse, rawBytes: number): Promise<void> {
    // tools OpenAI would reject fail the request, as they would there (no reply is used up)
    const rejected = rejectTools(record.body);
    if (rejected) return sendJson(res, 400, errorBody(400, rejected, 'invalid_function_parameters'));
    const reply = await pickReply(record);
    if (!reply) return sendJson(res, 400, errorBody(400, `fakeModelServer: no reply scripted for request #${record.index}.`));
    if (isFailure(reply)) {
      const headers: Record<string, string> = {};
      if (reply.retryAfter !== undefined) headers['retry-after'] = String(reply.retryAfter);
      if (reply.retryAfterMs !== undefined) headers['retry-after-ms'] = String(reply.retryAfterMs);
      return sendJson(res, reply.status, reply.body ?? errorBody(reply.status, reply.message), headers);
    }
    const ctx = { model: record.body?.model ?? 'fake-model', seq, requestBytes: rawBytes, body: record.body };
    const rendered = reply.recordedFrames
      ? { frames: reply.recordedFrames, finalFrom: reply.recordedFrames.length }
      : record.wire === 'responses'
        ? renderResponses(reply, ctx)
        : renderChat(reply, ctx);
    await streamFrames(res, reply, rendered.frames, rendered.finalFrom);
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void route(req, res, Buffer.concat(chunks)).catch((err) => {
        if (!res.headersSent) sendJson(res, 500, errorBody(500, `fakeModelServer crashed: ${String(err)}`));
        else res.destroy();
      });
    });
  });

  async function route(req: http.IncomingMessage, res: http.ServerResponse, raw: Buffer): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    const method = req.method ?? 'GET';
    if (path === '/__requests') {
      if (method === 'DELETE') requests.length = 0;
      return sendJson(res, 200, requests);
    }
    if (path === '/__rules' && method === 'POST') {
      try {
        rules = parseRuleSet(JSON.parse(raw.toString('utf8')));
        return sendJson(res, 200, { ok: true, rules: rules.rules.length });
      } catch (err) {
        return sendJson(res, 400, { ok: false, error: String(err) });
      }
    }
    let body: any;
    try {
      body = raw.length > 0 ? JSON.parse(raw.toString('utf8')) : undefined;
    } catch {
      return sendJson(res, 400, errorBody(400, 'Request body is not JSON.'));
    }
    const route = path.replace(/^\/v1(?=\/)/, '');
    const wire = route === '/responses' ? 'responses' : route === '/chat/completions' ? 'chat' : route === '/models' ? 'models' : 'other';
    let neutral: { instructions: string; input: HistoryEntry[] } = { instructions: '', input: [] };
    let invalid: string | undefined;
    try {
      if (wire === 'responses' || wire === 'chat') neutral = neutralInput(wire, body);
    } catch (err) {
      if (!(err instanceof BadRequest)) throw err;
      invalid = err.message;
    }
    const conversation = conversationOf(body, neutral);
    const conversationIndex = requests.filter((r) => r.conversation === conversation && (r.wire === 'responses' || r.wire === 'chat')).length;
    const record: RecordedRequest = { index: requests.length, method, path, headers: req.headers, body, wire, ...neutral, clientClosed: false, conversation, conversationIndex, receivedAt: performance.now() };
    requests.push(record);
    closedPromises.set(
      record.index,
      new Promise((resolve) =>
        res.on('close', () => {
          record.clientClosed = !res.writableFinished && !cutSockets.has(res);
          record.endedAt = performance.now();
          resolve(record.clientClosed);
        }),
      ),
    );
    if (options.apiKey !== undefined && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      return sendJson(res, 401, errorBody(401, 'Incorrect API key provided.', 'invalid_api_key'));
    }
    if (wire === 'models' && method === 'GET') {
      const data = (options.models ?? ['fake-model']).map((id) => ({ id, object: 'model', created: 0, owned_by: 'fake' }));
      return sendJson(res, 200, { object: 'list', data });
    }
    if (invalid !== undefined) return sendJson(res, 400, errorBody(400, invalid));
    if ((wire === 'responses' || wire === 'chat') && method === 'POST') return serveModel(record, res, raw.length);
    return sendJson(res, 404, errorBody(404, `No route ${method} ${path}.`));
  }

  const cutSockets = new WeakSet<http.ServerResponse>();

  async function streamFrames(res: http.ServerResponse, reply: StreamReply, frames: string[], finalFrom: number) {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
    let gone = false;
    res.on('close', () => (gone = true));
    for (let i = 0; i < frames.length; i++) {
      if (gone) return;
      if (reply.cutAfterChunks !== undefined && i >= reply.cutAfterChunks) {
        cutSockets.add(res);
        res.socket?.destroy();
        return;
      }
      if (i === finalFrom && reply.hangMs !== undefined) {
        const forever = reply.hangMs === 'forever';
        await waitUnlessClosed(res, forever ? undefined : Number(reply.hangMs));
        if (gone || forever) return;
      }
      if (i > 0 && reply.chunkDelayMs) await sleep(reply.chunkDelayMs);
      // Wait for the bytes to leave, so a later cut really happens mid-response.
      await writeFrame(res, frames[i]);
    }
    if (reply.cutAfterChunks !== undefined && reply.cutAfterChunks >= frames.length) {
      cutSockets.add(res);
      res.socket?.destroy();
      return;
    }
    res.end();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;
  return {
    url,
    baseUrl: `${url}/v1`,
    port,
    requests,
    modelRequests: () => requests.filter((r) => r.wire === 'responses' || r.wire === 'chat'),
    enqueue: (...replies) => void queue.push(...replies),
    setHandler: (fn) => void (handler = fn),
    setRules: (set) => void (rules = set ? parseRuleSet(set) : undefined),
    reset: () => {
      requests.length = 0;
      queue.length = 0;
      closedPromises.clear();
      handler = undefined;
    },
    closed: (index) => closedPromises.get(index) ?? Promise.reject(new Error(`No request #${index}.`)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The conversation key of a request (see the header). */
function conversationOf(body: any, neutral: { instructions: string; input: HistoryEntry[] }): string {
  if (typeof body?.prompt_cache_key === 'string') return body.prompt_cache_key;
  return createHash('sha1').update(neutral.instructions).update(JSON.stringify(neutral.input[0] ?? null)).digest('hex').slice(0, 16);
}

/** Waits `ms` (or until the client goes, if ms is undefined, forever otherwise). */
function waitUnlessClosed(res: http.ServerResponse, ms: number | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = ms === undefined ? undefined : setTimeout(done, ms);
    function done() {
      if (timer) clearTimeout(timer);
      res.off('close', done);
      resolve();
    }
    res.on('close', done);
  });
}

function writeFrame(res: http.ServerResponse, frame: string): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('close', done);
      resolve();
    };
    res.on('close', done);
    res.write(frame, done);
  });
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

async function main(argv: string[]): Promise<void> {
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const rulesPath = arg('--rules');
  const rules = rulesPath ? parseRuleSet(JSON.parse(readFileSync(rulesPath, 'utf8'))) : { rules: [] };
  const models = arg('--models')?.split(',');
  const server = await startFakeModelServer({ port: Number(arg('--port') ?? 0), rules, models });
  process.stdout.write(`FAKE_MODEL_SERVER_URL=${server.baseUrl}\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (process.argv[1] && /fakeModelServer\.ts$/.test(process.argv[1])) {
  main(process.argv.slice(2)).catch((err) => {
    process.stderr.write(`fakeModelServer: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
