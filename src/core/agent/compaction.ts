// Compaction: replace the history with a summary the model writes of the task state,
// plus the user's most recent messages verbatim.
//
// New history shape: [recent user messages (oldest first, within a budget), summary].
// The summary (a user-role message starting with SUMMARY_PREFIX) comes LAST because it
// describes the state after those messages: the model continues from it, whether the
// compaction happened between turns (the next user message follows) or mid-turn.
//
// The compaction request reuses the session's instructions and tool list (the cached
// prefix) and adds one user message asking for the summary; tool calls in its answer
// are ignored. The request itself is fitted to the window first (oldest tool outputs
// emptied, then oldest entries dropped), so it never exceeds the window either.
import type { HistoryEntry, ModelClient, ReasoningEffort, ToolSpec } from '../model/types';
import type { CompactionItem } from '../types/items';
import type { Usage } from '../types/events';
import { CHARS_PER_TOKEN, ConversationHistory, estimateEntriesTokens, estimateEntryTokens, estimateTextTokens } from './history';
import type { SessionContext } from './context';
import type { ItemEmitter } from './itemEmitter';
import { runModelRound, responseText } from './modelRound';
import { COMPACTION_PROMPT, isAgentNote, summaryMessage } from './prompt';

export const TRIMMED_OUTPUT = '[output removed to fit the context window]';

/** The largest request (in estimated tokens) ever sent: room is left for the answer. */
export function maxRequestTokens(contextWindow: number): number {
  return Math.floor(contextWindow * 0.95);
}

export class ContextOverflowError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContextOverflowError';
  }
}

/**
 * Returns entries that fit `budget` tokens (with `prefixTokens` for instructions and
 * tools), or undefined when nothing fits. In order: the oldest tool outputs are
 * emptied; the outputs of the last tool round (which the model has not seen yet) are
 * cut to what is left, keeping head and tail; then the oldest entries are dropped
 * (never the last `keepLast`).
 *
 * The last round's outputs are those after the model's last output entry, wherever
 * they sit: messages appended after them (a review note, the compaction request's own
 * prompt) do not make them old.
 */
export function fitEntries(entries: readonly HistoryEntry[], prefixTokens: number, budget: number, keepLast = 1): HistoryEntry[] | undefined {
  const out = [...entries];
  let total = prefixTokens + estimateEntriesTokens(out);
  const tailStart = out.findLastIndex(fromModel) + 1;
  const replace = (i: number, e: HistoryEntry) => {
    total += estimateEntryTokens(e) - estimateEntryTokens(out[i]);
    out[i] = e;
  };
  for (let i = 0; i < tailStart && total > budget; i++) {
    const e = out[i];
    if (e.type === 'function_call_output' && e.output !== TRIMMED_OUTPUT) replace(i, { ...e, output: TRIMMED_OUTPUT });
  }
  for (let i = tailStart; i < out.length && total > budget; i++) {
    const e = out[i];
    if (e.type !== 'function_call_output') continue;
    const keepChars = Math.max(0, e.output.length - (total - budget) * CHARS_PER_TOKEN - 200);
    if (keepChars < e.output.length) replace(i, { ...e, output: cutMiddle(e.output, keepChars) });
  }
  let dropped = false;
  while (total > budget && out.length > keepLast) {
    total -= estimateEntryTokens(out.shift() as HistoryEntry);
    dropped = true;
  }
  if (total > budget) return undefined;
  return dropped ? pairCalls(out) : out;
}

/** Entries the model produced (the rest are inputs: the user's messages, notes, tool outputs). */
function fromModel(e: HistoryEntry): boolean {
  return e.type === 'function_call' || e.type === 'reasoning' || (e.type === 'message' && e.role === 'assistant');
}

function cutMiddle(text: string, keep: number): string {
  if (keep <= 0) return TRIMMED_OUTPUT;
  const head = Math.ceil(keep * 0.6);
  return `${text.slice(0, head)}\n[... ${text.length - keep} characters removed to fit the context window ...]\n${text.slice(text.length - (keep - head))}`;
}

/** Drops calls without outputs and outputs without calls (both APIs reject them). */
export function pairCalls(entries: HistoryEntry[]): HistoryEntry[] {
  const calls = new Set<string>();
  const outputs = new Set<string>();
  for (const e of entries) {
    if (e.type === 'function_call') calls.add(e.callId);
    else if (e.type === 'function_call_output') outputs.add(e.callId);
  }
  return entries.filter((e) => (e.type === 'function_call' ? outputs.has(e.callId) : e.type === 'function_call_output' ? calls.has(e.callId) : true));
}

/** The user's own messages, newest kept first, within `budget` tokens; oldest first. */
export function recentUserMessages(entries: readonly HistoryEntry[], budget: number): HistoryEntry[] {
  const picked: HistoryEntry[] = [];
  let used = 0;
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i];
    if (e.type !== 'message' || e.role !== 'user' || isAgentNote(e.content)) continue;
    const cost = estimateEntryTokens(e);
    if (used + cost > budget) {
      if (picked.length === 0) {
        // the newest message alone is too big: keep its beginning
        const chars = Math.max(0, (budget - used) * CHARS_PER_TOKEN - 200);
        picked.unshift({ ...e, content: `${e.content.slice(0, chars)}\n[... message truncated to fit the context window]` });
      }
      break;
    }
    used += cost;
    picked.unshift(e);
  }
  return picked;
}

export interface CompactionDeps {
  client: ModelClient;
  model: string;
  reasoningEffort?: ReasoningEffort;
  instructions: string;
  tools: ToolSpec[];
  promptCacheKey: string;
  prefixTokens: number;
  contextWindow: number;
  history: ConversationHistory;
  emitter: ItemEmitter;
  turnId: string;
  newItemId(): string;
  signal: AbortSignal;
  /** What the user wants the summary to keep (/compact focus). */
  focus?: string;
}

export interface CompactionResult {
  item: CompactionItem;
  usage: Usage;
}

export async function compactHistory(deps: CompactionDeps): Promise<CompactionResult> {
  const { history } = deps;
  const tokensBefore = history.estimateTokens();
  const item: CompactionItem = { id: deps.newItemId(), turnId: deps.turnId, type: 'compaction', summary: '', tokensBefore, tokensAfter: tokensBefore };
  deps.emitter.start(item);
  try {
    const focus = deps.focus?.trim() ? `\n\nThe user asks the summary to keep, above all: ${deps.focus.trim()}` : '';
    const ask: HistoryEntry = { type: 'message', role: 'user', content: COMPACTION_PROMPT + focus };
    const input = fitEntries([...history.entries(), ask], deps.prefixTokens, maxRequestTokens(deps.contextWindow));
    if (!input) throw new ContextOverflowError('The instructions and tools alone are larger than the context window; choose a model with a larger window.');
    const round = await runModelRound(
      {
        model: deps.model,
        instructions: deps.instructions,
        input,
        tools: deps.tools,
        reasoningEffort: deps.reasoningEffort,
        promptCacheKey: deps.promptCacheKey,
        signal: deps.signal,
      },
      { client: deps.client, emitter: deps.emitter, turnId: deps.turnId, newItemId: deps.newItemId, showItems: false },
    );
    const summary = responseText(round.output).trim();
    if (summary === '') throw new Error('The model returned an empty summary, so the history was not compacted.');
    const userBudget = Math.min(20_000, Math.floor(deps.contextWindow * 0.2));
    const summaryEntry: HistoryEntry = { type: 'message', role: 'user', content: summaryMessage(summary) };
    const next = [...recentUserMessages(history.entries(), userBudget), summaryEntry];
    history.reset(next);
    const done: CompactionItem = { ...item, summary, tokensAfter: history.estimateTokens() };
    deps.emitter.complete(done);
    return { item: done, usage: round.usage };
  } catch (err) {
    deps.emitter.complete(item);
    throw err;
  }
}

/** compactHistory with the session's current settings: a turn's automatic compaction and Agent.compact(). */
export function compactSession(ctx: SessionContext, emitter: ItemEmitter, turnId: string, signal: AbortSignal, focus?: string): Promise<CompactionResult> {
  const s = ctx.settings();
  return compactHistory({
    client: ctx.client,
    model: s.model,
    reasoningEffort: s.reasoningEffort,
    instructions: ctx.instructions,
    tools: ctx.toolSpecs,
    promptCacheKey: ctx.sessionId,
    prefixTokens: ctx.prefixTokens,
    contextWindow: s.contextWindow,
    history: ctx.history,
    emitter,
    turnId,
    newItemId: () => ctx.newItemId(),
    signal,
    focus,
  });
}

/** Estimated tokens of a text block (exported for the prefix estimate). */
export function prefixTokensOf(instructions: string, tools: ToolSpec[]): number {
  return estimateTextTokens(instructions) + estimateTextTokens(JSON.stringify(tools));
}
