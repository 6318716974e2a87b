// Human-readable output: progress on stderr as events arrive, the final agent message
// on stdout, staged diffs and apply outcomes. JSON mode bypasses all of this.
import type { ApplyOutcome, Item, StagedChange, SessionEvent, SubagentItem } from '../core/index';
import { quoteArgv } from '../core/index';

export interface Out {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Whitespace collapsed to single spaces, clipped to `max` characters with an ellipsis. */
export const oneLine = (s: string, max = 120) => {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
};

/** The first line of an error's message (every CLI failure prints one line). */
export function errorLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0];
}

function tail(text: string, lines: number): string {
  const all = text.trimEnd().split('\n');
  return all.slice(-lines).map((l) => `    ${l}`).join('\n');
}

/** A subagent card once its stretch ended: state, tokens, what it merged, what conflicted. */
function describeSubagent(item: SubagentItem): string {
  const tokens = item.usage.inputTokens + item.usage.outputTokens;
  const head = `◆ ${item.agentType} ${item.agentId} ${item.state}${tokens ? ` (${tokens} tokens)` : ''}${item.error ? `: ${oneLine(item.error)}` : ''}`;
  const changes = (item.changes ?? []).map((c) => `    ✎ ${c.kind} ${c.from ? `${c.from} → ` : ''}${c.path} (+${c.added} -${c.removed})`);
  const conflicts = (item.conflicts ?? []).map((c) => `    ✗ CONFLICT ${c.path}: ${oneLine(c.detail, 200)}`);
  return [head, ...changes, ...conflicts].join('\n');
}

function describeItem(item: Item): string | undefined {
  switch (item.type) {
    case 'reasoning':
      return item.text.trim() ? `· ${oneLine(item.text, 200)}` : undefined;
    case 'command_execution': {
      const how = item.sandbox === 'unsandboxed' ? ' (unsandboxed)' : '';
      if (item.status === 'declined') return `✗ $ ${item.command}: ${oneLine(item.output)}`;
      const end = item.signal ? `killed (${item.signal})` : `exit ${item.exitCode ?? '?'}`;
      const time = item.durationMs !== undefined ? `, ${(item.durationMs / 1000).toFixed(1)}s` : '';
      const out = item.status === 'failed' && item.output.trim() ? `\n${tail(item.output, 8)}` : '';
      return `$ ${item.command}${how}: ${end}${time}${out}`;
    }
    case 'file_change':
      if (item.status === 'failed') return `✗ edit failed: ${oneLine(item.error ?? 'unknown error')}`;
      if (item.status === 'declined') return `✗ edit not staged: ${oneLine(item.error ?? 'not approved')}`;
      return item.changes.map((c) => `✎ staged ${c.kind} ${c.from ? `${c.from} → ` : ''}${c.path} (+${c.added} -${c.removed})`).join('\n');
    case 'tool_call': {
      const name = item.mcp ? `${item.mcp.server}/${item.mcp.tool} (MCP)` : item.name;
      return `${item.status === 'failed' ? '✗' : '•'} ${name} ${oneLine(item.arguments, 100)}${item.status === 'failed' && item.output ? `: ${oneLine(item.output)}` : ''}`;
    }
    case 'plan':
      return ['plan:', ...item.steps.map((s) => `  [${s.status === 'completed' ? 'x' : s.status === 'in_progress' ? '>' : ' '}] ${s.step}`)].join('\n');
    case 'error':
      return `error: ${item.message}`;
    case 'compaction':
      return item.summary ? `(history compacted: about ${item.tokensBefore} → ${item.tokensAfter} tokens)` : undefined;
    case 'review_decision':
      return `review: ${oneLine(item.text, 200)}`;
    case 'subagent':
      return describeSubagent(item);
    case 'agent_message':
    case 'user_message':
      return undefined;
    default: {
      const undescribed: never = item; // a new item type fails to compile until it is described
      return `• ${(undescribed as { type: string }).type}`;
    }
  }
}

/**
 * Renders a turn's events. Agent messages are held back: one followed by more work is
 * progress (stderr); the last one is the answer (stdout, written by `finish`).
 * Error items are held back one event too: the error item that ends a failed turn
 * (immediately followed by turn/failed) is not printed, because the caller prints the
 * failure once as its final `tandem: reason` line. Other errors (e.g. a compaction
 * that failed while the turn went on) print as `error: ...`.
 */
export class ProgressRenderer {
  private pending: string | undefined;
  private pendingError: string | undefined;
  /** Subagents' progress: one renderer each, its lines prefixed with the child's id. */
  private readonly children = new Map<string, ProgressRenderer>();

  /** `prefix`: a subagent's renderer (every line on stderr, prefixed; its answer is progress too). */
  constructor(
    private readonly out: Out,
    private readonly prefix?: string,
  ) {}

  onEvent(event: SessionEvent): void {
    if ('agentId' in event && event.agentId) return this.child(event.agentId).onChildEvent(event);
    if (event.type === 'turn/failed') {
      this.pendingError = undefined; // the caller prints the failure once
      return;
    }
    this.flushError();
    if (event.type === 'item/completed' && event.item.type === 'error') {
      this.pendingError = event.item.message;
      return;
    }
    if (event.type === 'item/started') {
      this.flushPending();
      // a command that runs shows now and again when done; one refused before running, once
      if (event.item.type === 'command_execution' && event.item.status === 'in_progress') this.write(`$ ${event.item.command} …`);
      if (event.item.type === 'subagent') this.write(`◆ ${event.item.agentType} ${event.item.agentId} started: ${oneLine(event.item.task)}`);
      return;
    }
    if (event.type !== 'item/completed') return;
    const item = event.item;
    if (item.type === 'agent_message') {
      if (item.text.trim()) this.pending = item.text;
      return;
    }
    const text = describeItem(item);
    if (text) this.write(text);
  }

  private child(agentId: string): ProgressRenderer {
    let r = this.children.get(agentId);
    if (!r) this.children.set(agentId, (r = new ProgressRenderer(this.out, `[${agentId}] `)));
    return r;
  }

  /** A subagent's event: like the session's own, but its answer and failure print as its progress. */
  private onChildEvent(event: SessionEvent): void {
    if (event.type === 'turn/failed') {
      this.pendingError = undefined;
      this.flushPending();
      this.write(`failed: ${event.error.message}`);
      return;
    }
    if (event.type === 'turn/completed') {
      this.finish();
      return;
    }
    this.onEvent({ ...event, agentId: undefined } as SessionEvent);
  }

  /** Lines on stderr, each prefixed for a subagent. */
  private write(text: string): void {
    const lines = this.prefix ? text.split('\n').map((l) => this.prefix + l).join('\n') : text;
    this.out.stderr(`${lines}\n`);
  }

  private flushError(): void {
    if (this.pendingError !== undefined) this.write(`error: ${this.pendingError}`);
    this.pendingError = undefined;
  }

  private flushPending(): void {
    if (this.pending !== undefined) this.write(`› ${this.pending.trim()}`);
    this.pending = undefined;
  }

  /** Writes the final answer to stdout (a subagent's: its progress on stderr). */
  finish(): void {
    this.flushError();
    if (this.pending !== undefined) {
      if (this.prefix) this.write(`› ${this.pending.trim()}`);
      else this.out.stdout(`${this.pending.trim()}\n`);
    }
    this.pending = undefined;
  }
}

/** Staged changes as a unified diff. */
export function renderDiff(changes: StagedChange[]): string {
  const parts: string[] = [];
  for (const c of changes) {
    const from = c.kind === 'add' ? '/dev/null' : `a/${c.from ?? c.path}`;
    const to = c.kind === 'delete' ? '/dev/null' : `b/${c.path}`;
    const by = c.agents?.some((a) => a !== 'main') ? `   (by ${c.agents.join(', ')})` : '';
    const conflict = c.conflict ? `   (CONFLICT: ${c.conflict.detail})` : '';
    parts.push(`--- ${from}\n+++ ${to}${c.protected ? `   (protected: ${c.protected})` : ''}${c.stale ? '   (changed on disk since staged)' : ''}${by}${conflict}`);
    if (c.binary) {
      parts.push('Binary file changed');
      continue;
    }
    for (const h of c.hunks) {
      parts.push(`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`);
      parts.push(...h.lines);
      if (h.oldNoNewlineAtEnd || h.newNoNewlineAtEnd) parts.push('\\ No newline at end of file');
    }
  }
  return parts.length ? `${parts.join('\n')}\n` : '';
}

export function renderOutcome(o: ApplyOutcome): string {
  switch (o.status) {
    case 'applied':
      return `applied ${o.path}${o.merged ? ' (merged with your changes)' : ''}`;
    case 'rejected':
      return `discarded ${o.path}`;
    case 'conflict':
      return `CONFLICT ${o.path}: ${o.detail}`;
    case 'held':
      return `left staged ${o.path}: protected (${o.reason}); apply it with --apply-protected ${quoteArgv([o.path])}`;
  }
}
