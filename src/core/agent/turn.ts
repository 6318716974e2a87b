// The agent loop of one turn: user message in, model requests and tool calls until the
// model answers without calling a tool. Pushes SessionEvents (see types/events.ts for
// the contract) and records everything to the session log as it completes.
//
// Ends exactly once with turn/completed (aborted: true after an abort) or turn/failed.
// An abort completes the turn within `abortGraceMs` even if a tool ignores the signal:
// the turn is then "finished" and whatever the straggler does later is dropped.
import type { SessionEvent, Usage } from '../types/events';
import type { Attachment, ErrorItem, QueuedMessage } from '../types/items';
import type { HistoryEntry, ModelRequest, OutputSchema } from '../model/types';
import { ModelError } from '../model/types';
import type { SessionContext } from './context';
import { ItemEmitter, type ItemSink } from './itemEmitter';
import { runModelRound, EMPTY_USAGE, type RoundProgress } from './modelRound';
import { dispatchToolCalls, ABORTED_OUTPUT, type ToolCallRequest } from './dispatch';
import { compactSession, ContextOverflowError, fitEntries, maxRequestTokens } from './compaction';
import { renderUserMessage, reviewNote } from './prompt';
import { DEFAULT_REPEAT_LIMIT, StuckLoopGuard, limitReached, type CallResult } from './loopGuard';
import { ImagesOffError, requestImages, resolveImages, userEntry } from './userImages';
import { ImageError } from '../images/prepare';

export interface TurnInput {
  text: string;
  /**
   * Retry: no new user message; the model is asked again from the history as it is
   * (after a failed turn the user message is already there, so re-sending it would
   * duplicate it).
   */
  retry?: boolean;
  attachments?: Attachment[];
  signal?: AbortSignal;
  /** The messages waiting for the agent: steering messages are delivered into this turn. */
  inputs?: TurnInputs;
  /** The turn's message came from the queue: this id leaves it once the message is recorded. */
  fromQueue?: string;
  /** Structured output: the final answer as JSON matching this schema (agent/output.ts). */
  outputSchema?: OutputSchema;
}

/** What a turn needs of the waiting messages (PendingInputs, pendingInputs.ts). */
export interface TurnInputs {
  takeSteers(): QueuedMessage[];
  hasSteers(): boolean;
  consumed(ids: readonly string[]): void;
  release(ids: readonly string[]): void;
  closeSteering(): void;
  /** Aborted while a steering message waits for the model (a fresh signal once they are taken). */
  steerSignal(): AbortSignal;
}

/** `promise`, or sooner when `signal` aborts (its listener removed either way). */
function untilSignal(promise: Promise<unknown>, signal: AbortSignal | undefined): Promise<unknown> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.resolve();
  let onAbort = () => {};
  const aborted = new Promise<void>((resolve) => {
    onAbort = resolve;
    signal.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([promise, aborted]).finally(() => signal.removeEventListener('abort', onAbort));
}

export type TurnStatus = 'completed' | 'failed' | 'aborted';

export function addUsage(a: Usage, b: Usage): Usage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    cachedInputTokens: a.cachedInputTokens + b.cachedInputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    reasoningTokens: a.reasoningTokens + b.reasoningTokens,
  };
}

class TurnAborted extends Error {}

/** A failure explained in a sentence for the user (a limit, a stuck loop...). */
export class TurnError extends Error {
  constructor(message: string, readonly retryable = false) {
    super(message);
    this.name = 'TurnError';
  }
}

/** A plain sentence for the user, and whether trying again may help. */
export function describeFailure(err: unknown): { message: string; retryable: boolean } {
  if (err instanceof ModelError) return { message: err.message, retryable: err.options.retryable ?? false };
  if (err instanceof ContextOverflowError) return { message: err.message, retryable: false };
  if (err instanceof TurnError) return { message: err.message, retryable: err.retryable };
  if (err instanceof ImagesOffError || err instanceof ImageError) return { message: err.message, retryable: false };
  const message = err instanceof Error ? err.message : String(err);
  return { message: `The turn stopped because of an internal error: ${message}`, retryable: false };
}

/**
 * Runs one turn, pushing events to `push`; `items` sees every item's state as it
 * starts, streams and completes (the session's item list). Never throws; resolves with
 * how the turn ended.
 */
export async function runTurn(ctx: SessionContext, input: TurnInput, push: (e: SessionEvent) => void, items: ItemSink): Promise<TurnStatus> {
  const turnId = ctx.newTurnId();
  const signal = input.signal ?? new AbortController().signal;
  const log = ctx.log();
  let finished = false;
  let usage: Usage = { ...EMPTY_USAGE };
  const emitter = new ItemEmitter((e) => !finished && push(e), {
    started: (item) => !finished && items.started?.(item),
    updated: (item) => !finished && items.updated?.(item),
    completed: (item) => {
      if (finished) return;
      items.completed(item);
      // discarded partial text (a retried request) is not part of the transcript
      if ((item.type === 'agent_message' || item.type === 'reasoning') && item.text === '') return;
      log.append({ t: 'item', item });
    },
  });
  const newItemId = () => ctx.newItemId();
  /** History appends of this turn; dropped once the turn has finished (stragglers). */
  const append = (...entries: HistoryEntry[]) => !finished && ctx.history.append(...entries);
  const progress: RoundProgress = { text: '' };
  let pendingCalls: ToolCallRequest[] = [];

  let endTurn: () => void = () => {};
  let ended: TurnStatus = 'failed';
  const finish = (event: SessionEvent, status: TurnStatus) => {
    if (finished) return;
    // steering messages arriving from now on are queued for the next turn
    input.inputs?.closeSteering();
    emitter.completeAll();
    // subagents' tokens count in the turn's usage (events.ts)
    if (ctx.subagents) {
      usage = addUsage(usage, ctx.subagents.takeUsage());
      if ('usage' in event) event = { ...event, usage };
    }
    finished = true;
    ended = status;
    log.append({ t: 'turn_ended', turnId, status, usage, at: Date.now() });
    push(event);
    endTurn();
  };

  const takeDecisions = () => {
    const decisions = ctx.staging.takeDecisions();
    if (decisions.length === 0) return;
    emitter.emit({ id: newItemId(), turnId, type: 'review_decision', text: decisions.join('\n') });
    append({ type: 'message', role: 'user', content: reviewNote(decisions) });
  };

  /** Results of subagents the model has not seen (it did not wait for them): a note before the next request. */
  const takeSubagentNote = (): boolean => {
    const note = ctx.subagents?.takeNote();
    if (note) append({ type: 'message', role: 'user', content: note });
    return note !== undefined;
  };

  const checkAbort = () => {
    if (signal.aborted) throw new TurnAborted();
  };

  /**
   * A user message's attachments as recorded: a skill for each `$name` it mentions, and
   * workspace image files stored as images (userImages.ts). Sent, queued and steered
   * messages all pass here.
   */
  const attach = (text: string, attachments: Attachment[] | undefined) => {
    const s = ctx.settings();
    const withSkills = ctx.skillMentions ? ctx.skillMentions(text, attachments) : attachments;
    return resolveImages(withSkills, ctx.view, ctx.images, { on: s.images !== false, model: s.model });
  };

  /**
   * Steering messages sent since the last request become user messages of this turn,
   * before the next request. They leave the waiting list only once recorded.
   */
  const deliverSteers = async (): Promise<boolean> => {
    const steers = input.inputs?.takeSteers() ?? [];
    if (steers.length === 0) return false;
    const ids = steers.map((m) => m.id);
    try {
      const attached = await Promise.all(steers.map((m) => attach(m.text, m.attachments)));
      const contents = await Promise.all(steers.map((m, i) => renderUserMessage(m.text, attached[i], ctx.view, ctx.readSkill)));
      if (finished) return false;
      steers.forEach((m, i) => {
        emitter.emit({ id: newItemId(), turnId, type: 'user_message', text: m.text, ...(attached[i]?.length ? { attachments: attached[i] } : {}), steered: true });
        append(userEntry(contents[i], attached[i]));
      });
      input.inputs?.consumed(ids);
      return true;
    } finally {
      input.inputs?.release(ids); // no-op for the consumed ones
    }
  };

  const ensureFits = async () => {
    const s = ctx.settings();
    const h = ctx.history;
    let estimate = h.estimateTokens();
    if (estimate > s.contextWindow * s.compactThreshold && h.length > 1) {
      try {
        const r = await compactSession(ctx, emitter, turnId, signal);
        usage = addUsage(usage, r.usage);
      } catch (err) {
        checkAbort();
        // go on without compacting (trimming below keeps the request within the window),
        // but say so
        emitter.emit({ id: newItemId(), turnId, type: 'error', message: `The history could not be compacted (${err instanceof Error ? err.message : String(err)}); continuing without compaction.`, retryable: true });
      }
      estimate = h.estimateTokens();
    }
    checkAbort();
    const max = maxRequestTokens(s.contextWindow);
    if (estimate > max) {
      const fitted = fitEntries(h.entries(), ctx.prefixTokens, max);
      if (!fitted) {
        throw new ContextOverflowError(`The conversation is too large for the model's context window (about ${estimate} tokens for a window of ${s.contextWindow}), even after compaction. Start a new session or choose a model with a larger window.`);
      }
      h.reset(fitted);
    }
  };

  /** The staged set as this turn found it, for "undo this turn" (StagingArea.checkpoint). */
  const checkpoint = async () => {
    try {
      if (ctx.checkpointTurns !== false) await ctx.staging.checkpoint?.(turnId);
    } catch (err) {
      emitter.emit({ id: newItemId(), turnId, type: 'error', message: `Could not record the staged changes as this turn found them (${err instanceof Error ? err.message : String(err)}); this turn cannot be undone.` });
    }
  };

  const body = async () => {
    push({ type: 'turn/started', turnId });
    log.append({ t: 'turn_started', turnId, at: Date.now() });
    await checkpoint();
    takeDecisions();
    if (!input.retry) {
      const attachments = await attach(input.text, input.attachments);
      const content = await renderUserMessage(input.text, attachments, ctx.view, ctx.readSkill);
      emitter.emit({ id: newItemId(), turnId, type: 'user_message', text: input.text, ...(attachments?.length ? { attachments } : {}) });
      append(userEntry(content, attachments));
      if (input.fromQueue) input.inputs?.consumed([input.fromQueue]);
    } else if (ctx.history.length === 0) {
      throw new TurnError('There is nothing to retry: send a message first.');
    }
    // the session's MCP tools join now (once); what did not start is said, and the turn goes on
    for (const warning of (await ctx.prepareTools?.(signal)) ?? []) emitter.emit({ id: newItemId(), turnId, type: 'error', message: warning });

    const limits = { maxRounds: ctx.maxRounds, maxTurnTokens: ctx.maxTurnTokens, repeatLimit: ctx.repeatLimit ?? DEFAULT_REPEAT_LIMIT };
    const stuck = new StuckLoopGuard(limits.repeatLimit);
    for (let round = 0; ; round++) {
      checkAbort();
      // subagents' tokens count against the turn's budget as their work ends
      if (ctx.subagents) usage = addUsage(usage, ctx.subagents.takeUsage());
      const limit = limitReached(limits, round, usage.inputTokens + usage.outputTokens);
      if (limit) throw new TurnError(limit);
      if (round > 0) takeDecisions();
      takeSubagentNote();
      // the user spoke: what the model did before no longer counts towards "stuck"
      // (the turn's request cap and token budget still do)
      if (await deliverSteers()) stuck.reset();
      checkAbort();
      await ensureFits();
      const s = ctx.settings();
      const request: ModelRequest = {
        model: s.model,
        instructions: ctx.instructions,
        input: [...ctx.history.entries()],
        tools: ctx.toolSpecs,
        reasoningEffort: s.reasoningEffort,
        promptCacheKey: ctx.sessionId,
        images: await requestImages(ctx.history.entries(), ctx.images),
        ...(input.outputSchema ? { outputSchema: input.outputSchema } : {}),
        signal,
      };
      progress.text = '';
      const result = await runModelRound(request, { client: ctx.client, emitter, turnId, newItemId }, progress);
      if (finished) return;
      usage = addUsage(usage, result.usage);
      append(...result.output);
      progress.text = ''; // now in the history: an abort must not append it again
      ctx.history.recordUsage(result.usage.inputTokens + result.usage.outputTokens, ctx.history.length);
      const snapshot = ctx.history.usageSnapshot();
      if (snapshot) log.append({ t: 'usage', ...snapshot });
      push({ type: 'usage/updated', usage: result.usage, contextTokens: ctx.history.estimateTokens(), contextWindow: s.contextWindow });

      pendingCalls = result.output.filter((e) => e.type === 'function_call').map((e) => ({ callId: e.callId, name: e.name, arguments: e.arguments }));
      if (pendingCalls.length === 0) {
        // a message steered during this request: the model reads it before the turn ends
        if (input.inputs?.hasSteers() && !ctx.endTurnWhen?.()) continue;
        // a turn does not end while its subagents work: wait for them, then let the
        // model see the results it did not collect (one more round), if any; a message
        // steered meanwhile is read at once (the model may redirect or close them)
        if (!ctx.subagents?.running()) break;
        await untilSignal(ctx.subagents.settle(), input.inputs?.steerSignal());
        checkAbort();
        if (input.inputs?.hasSteers()) continue;
        if (!takeSubagentNote()) break;
        continue;
      }
      const results: CallResult[] = [];
      const outputs = await dispatchToolCalls(pendingCalls, {
        tools: ctx.tools,
        policy: ctx.policy(),
        emitter,
        turnId,
        signal,
        newItemId,
        // a tool that waits (wait_agent) returns early once the user steers
        context: { ...ctx.toolContext(), ...(input.inputs ? { steered: input.inputs.steerSignal() } : {}) },
        unavailable: ctx.unavailableTools,
        onResult: (call, success) => results.push({ name: call.name, arguments: call.arguments, success }),
      });
      if (finished) return;
      append(...outputs);
      pendingCalls = [];
      const looping = stuck.afterRound(result.output, results);
      if (looping) throw new TurnError(looping);
      // a session whose result arrives through a tool (submit_review) is done once it has
      if (ctx.endTurnWhen?.()) break;
    }
    finish({ type: 'turn/completed', turnId, usage }, 'completed');
  };

  /** After an abort: keep the history valid and the shown text, then complete. */
  const finishAborted = () => {
    if (finished) return;
    if (pendingCalls.length > 0) {
      append(...pendingCalls.map((c): HistoryEntry => ({ type: 'function_call_output', callId: c.callId, output: ABORTED_OUTPUT })));
    } else if (progress.text.trim() !== '') {
      append({ type: 'message', role: 'assistant', content: progress.text });
    }
    finish({ type: 'turn/completed', turnId, usage, aborted: true }, 'aborted');
  };

  const run = body().catch(async (err) => {
    if (finished) return;
    if (signal.aborted) {
      // children's streams and commands stop before the turn ends (bounded by the grace timer)
      await ctx.subagents?.settle();
      return finishAborted();
    }
    const failure = describeFailure(err);
    const item: ErrorItem = { id: newItemId(), turnId, type: 'error', message: failure.message, retryable: failure.retryable };
    emitter.completeAll();
    emitter.emit(item);
    finish({ type: 'turn/failed', turnId, error: failure }, 'failed');
  });

  // an abort ends the turn within the grace period even if a tool ignores the signal
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onAbort = () => {
    // subagents stop too; each has its own grace, so the parent waits for theirs as well
    const children = ctx.subagents?.running() === true;
    ctx.subagents?.abortAll();
    timer = setTimeout(finishAborted, children ? ctx.abortGraceMs * 2 : ctx.abortGraceMs);
  };
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  const turnOver = new Promise<void>((resolve) => {
    endTurn = resolve;
  });
  await Promise.race([run, turnOver]);
  signal.removeEventListener('abort', onAbort);
  if (timer) clearTimeout(timer);
  return ended;
}
