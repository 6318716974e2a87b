// Test doubles for the agent loop: a scripted in-memory ModelClient (records every
// request), a minimal in-memory staging area, and a SessionContext builder.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { HistoryEntry, ModelClient, ModelEvent, ModelRequest } from '../../../../src/core/model/types';
import type { Usage, SessionEvent } from '../../../../src/core/types/events';
import type { Item } from '../../../../src/core/types/items';
import type { StagingArea } from '../../../../src/core/staging/types';
import type { Tool } from '../../../../src/core/tools/types';
import type { Guard } from '../../../../src/core/policy/guard';
import type { ApprovalPolicy } from '../../../../src/core/policy/types';
import { denyAll } from '../../../../src/core/approvals/types';
import { ConversationHistory } from '../../../../src/core/agent/history';
import { SessionWriter } from '../../../../src/core/session/store';
import type { SessionContext } from '../../../../src/core/agent/context';
import { prefixTokensOf } from '../../../../src/core/agent/compaction';
import { runTurn } from '../../../../src/core/agent/turn';

export const usage = (input = 100, output = 10): Usage => ({ inputTokens: input, cachedInputTokens: 0, outputTokens: output, reasoningTokens: 0 });

/** A step: events to yield, or a function of the request (may throw, may wait). */
export type Step = ModelEvent[] | ((req: ModelRequest) => AsyncIterable<ModelEvent> | ModelEvent[]);

export function textReply(text: string, u = usage()): ModelEvent[] {
  return [{ type: 'text_delta', text }, { type: 'completed', output: [{ type: 'message', role: 'assistant', content: text }], usage: u }];
}

export function callsReply(calls: { name: string; args: unknown; id?: string }[], u = usage()): ModelEvent[] {
  const output: HistoryEntry[] = calls.map((c, i) => ({
    type: 'function_call',
    callId: c.id ?? `call_${c.name}_${i}`,
    name: c.name,
    arguments: typeof c.args === 'string' ? c.args : JSON.stringify(c.args),
  }));
  return [{ type: 'completed', output, usage: u }];
}

export class ScriptedClient implements ModelClient {
  readonly wire = 'responses' as const;
  readonly requests: ModelRequest[] = [];
  constructor(private readonly steps: Step[]) {}

  async *stream(request: ModelRequest): AsyncGenerator<ModelEvent> {
    // copy: the loop's arrays are live
    this.requests.push({ ...request, input: structuredClone(request.input) });
    const step = this.steps.shift();
    if (!step) throw new Error(`no scripted reply for request #${this.requests.length}`);
    const events = typeof step === 'function' ? step(request) : step;
    for await (const e of events) {
      if (request.signal.aborted) throw Object.assign(new Error('aborted'), { name: 'AbortError' });
      yield e;
    }
  }
}

export function fakeStaging(files: Record<string, string> = {}): StagingArea & { decisions: string[] } {
  const decisions: string[] = [];
  const enc = new TextEncoder();
  return {
    decisions,
    root: '/fake',
    layerDir: '/fake-layer',
    async readFile(p) {
      return p in files ? enc.encode(files[p]) : undefined;
    },
    async stat(p) {
      return p in files ? { type: 'file', size: files[p].length, mtimeMs: 0 } : undefined;
    },
    async readDir() {
      return [];
    },
    async stagedPaths() {
      return [];
    },
    async writeFile(p, c) {
      files[p] = new TextDecoder().decode(c);
    },
    async deleteFile(p) {
      delete files[p];
    },
    async rename() {},
    async stageBatch() {
      throw new Error('not used in agent tests');
    },
    async changes() {
      return [];
    },
    async apply(p) {
      return { path: p, status: 'applied', hunksApplied: 0, hunksTotal: 0 };
    },
    async reject(p) {
      return { path: p, status: 'rejected', hunksRejected: 0 };
    },
    async applyAll() {
      return [];
    },
    async discardAll() {
      return [];
    },
    takeDecisions() {
      return decisions.splice(0, decisions.length);
    },
    onDidChange() {
      return { dispose() {} };
    },
  };
}

export const allowGuard: Guard = {
  policy: 'on-request',
  async assessCommand() {
    return { action: 'allow', why: 'test', sandboxed: true };
  },
  async assessRead() {
    return { action: 'allow', why: 'test' };
  },
  async assessWrite() {
    return { action: 'allow', why: 'test' };
  },
  rememberSessionAllow() {},
};

export function tempDir(prefix = 'tandem-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface ContextOptions {
  client: ModelClient;
  tools?: Tool[];
  staging?: StagingArea;
  policy?: ApprovalPolicy;
  contextWindow?: number;
  compactThreshold?: number;
  /** Default 20; pass undefined explicitly for no cap. */
  maxRounds?: number;
  maxTurnTokens?: number;
  repeatLimit?: number;
  instructions?: string;
  history?: HistoryEntry[];
}

export function makeContext(o: ContextOptions): SessionContext & { logFile: string } {
  const tools = o.tools ?? [];
  const toolSpecs = tools.map((t) => ({ name: t.name, description: t.description, parameters: JSON.parse(JSON.stringify(t.parameters)) }));
  const instructions = o.instructions ?? 'You are a test agent.';
  const prefixTokens = prefixTokensOf(instructions, toolSpecs);
  const logFile = path.join(tempDir(), 'sessions', 's1.jsonl');
  const writer = SessionWriter.create(path.dirname(path.dirname(logFile)), { id: 's1', createdAt: 0, cwd: '/fake', instructions });
  const history = new ConversationHistory(prefixTokens, o.history ?? [], {
    onAppend: (entries) => writer.append({ t: 'history', entries }),
    onReset: (entries) => writer.append({ t: 'history_reset', entries }),
  });
  const staging = o.staging ?? fakeStaging();
  let n = 0;
  const shell = { sandboxed: true, run: async () => { throw new Error('no shell in unit tests'); } };
  return {
    logFile,
    sessionId: 's1',
    client: o.client,
    settings: () => ({ model: 'test-model', contextWindow: o.contextWindow ?? 100_000, compactThreshold: o.compactThreshold ?? 0.85 }),
    policy: () => o.policy ?? 'on-request',
    instructions,
    toolSpecs,
    tools: new Map(tools.map((t) => [t.name, t])),
    prefixTokens,
    history,
    staging,
    view: staging,
    toolContext: () => ({ view: staging, staging, shell, plainShell: shell, approvals: denyAll, guard: allowGuard }),
    log: () => writer,
    newItemId: () => `i${++n}`,
    newTurnId: () => `t${++n}`,
    maxRounds: 'maxRounds' in o ? o.maxRounds : 20,
    maxTurnTokens: o.maxTurnTokens,
    repeatLimit: o.repeatLimit,
    abortGraceMs: 200,
  };
}

/** Runs one turn and returns its events. */
export async function turnEvents(ctx: SessionContext, text: string, signal?: AbortSignal, onEvent?: (e: SessionEvent) => void): Promise<SessionEvent[]> {
  const events: SessionEvent[] = [];
  await runTurn(ctx, { text, signal }, (e) => {
    events.push(e);
    onEvent?.(e);
  }, { completed: () => {} });
  return events;
}

export function completedItems(events: SessionEvent[]): Item[] {
  return events.flatMap((e) => (e.type === 'item/completed' ? [e.item] : []));
}

/** Asserts the event contract: one start, one end, every started item completed. */
export function checkContract(events: SessionEvent[]): void {
  const starts = events.filter((e) => e.type === 'turn/started').length;
  const ends = events.filter((e) => e.type === 'turn/completed' || e.type === 'turn/failed').length;
  if (starts !== 1 || ends !== 1) throw new Error(`expected one turn/started and one end, got ${starts} and ${ends}`);
  const last = events[events.length - 1];
  if (last.type !== 'turn/completed' && last.type !== 'turn/failed') throw new Error(`last event is ${last.type}`);
  const open = new Set<string>();
  for (const e of events) {
    if (e.type === 'item/started') open.add(e.item.id);
    if (e.type === 'item/completed') open.delete(e.item.id);
  }
  if (open.size > 0) throw new Error(`items never completed: ${[...open].join(', ')}`);
}
