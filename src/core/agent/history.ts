// The model history of a session and its token accounting.
//
// Contract: entries are only appended between compactions (so every request's prefix
// is the previous request's, and the provider's prompt cache keeps hitting); `reset`
// replaces them (compaction, or trimming to fit the window) and is the only other
// mutation. Every change is reported through `onAppend` / `onReset` so the session log
// can record it.
//
// Token accounting: the API's usage report of the last request (its input plus output
// tokens) is the truth for everything up to the history length it covered; entries
// appended since are estimated at 4 characters per token.
import type { HistoryEntry } from '../model/types';

export const CHARS_PER_TOKEN = 4;

export function estimateTextTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

/** Estimated tokens of one entry as sent (JSON framing included, which errs high), images included. */
export function estimateEntryTokens(entry: HistoryEntry): number {
  let n = estimateTextTokens(JSON.stringify(entry));
  if (entry.type === 'message') for (const r of entry.images ?? []) n += imageTokens(r.width, r.height);
  return n;
}

/**
 * Tokens of one image as OpenAI counts a high-detail image: scaled to fit 2048 px, then
 * to a 768 px short side, 170 per 512 px tile plus 85. Other providers count less; the
 * API's usage report corrects the estimate after each request.
 */
export function imageTokens(width: number, height: number): number {
  let w = width;
  let h = height;
  const fit = Math.min(1, 2048 / Math.max(w, h));
  w *= fit;
  h *= fit;
  const short = Math.min(1, 768 / Math.min(w, h));
  w *= short;
  h *= short;
  return 85 + 170 * Math.ceil(w / 512) * Math.ceil(h / 512);
}

export function estimateEntriesTokens(entries: readonly HistoryEntry[]): number {
  let n = 0;
  for (const e of entries) n += estimateEntryTokens(e);
  return n;
}

export interface HistoryListener {
  onAppend?(entries: HistoryEntry[]): void;
  onReset?(entries: HistoryEntry[]): void;
}

export class ConversationHistory {
  private list: HistoryEntry[];
  /** Tokens the API reported for the request that covered `list.slice(0, atLength)`. */
  private reported: { tokens: number; atLength: number } | undefined;

  constructor(
    /** Estimated tokens of the instructions and tool list (sent with every request). */
    private prefixTokens: number,
    initial: HistoryEntry[] = [],
    private readonly listener: HistoryListener = {},
  ) {
    this.list = [...initial];
  }

  /** The tool list grew once (a session's MCP tools join when its first turn starts). */
  setPrefixTokens(tokens: number): void {
    this.prefixTokens = tokens;
  }

  entries(): readonly HistoryEntry[] {
    return this.list;
  }

  get length(): number {
    return this.list.length;
  }

  append(...entries: HistoryEntry[]): void {
    if (entries.length === 0) return;
    this.list.push(...entries);
    this.listener.onAppend?.(entries);
  }

  reset(entries: HistoryEntry[]): void {
    this.list = [...entries];
    this.reported = undefined;
    this.listener.onReset?.(this.list);
  }

  /**
   * Records a usage report: `tokens` (input plus output of the last request) covers the
   * history up to `atLength` entries (the request and the response appended to it).
   */
  recordUsage(tokens: number, atLength: number): void {
    if (tokens <= 0) return; // servers that report nothing: keep estimating
    this.reported = { tokens, atLength: Math.min(atLength, this.list.length) };
  }

  /** Restores a snapshot (resume). */
  restoreUsage(snapshot: { contextTokens: number; historyLength: number } | undefined): void {
    if (snapshot && snapshot.historyLength <= this.list.length) {
      this.reported = { tokens: snapshot.contextTokens, atLength: snapshot.historyLength };
    }
  }

  usageSnapshot(): { contextTokens: number; historyLength: number } | undefined {
    return this.reported ? { contextTokens: this.reported.tokens, historyLength: this.reported.atLength } : undefined;
  }

  /** Tokens of a request sending the whole history now. */
  estimateTokens(): number {
    if (!this.reported) return this.prefixTokens + estimateEntriesTokens(this.list);
    return this.reported.tokens + estimateEntriesTokens(this.list.slice(this.reported.atLength));
  }

  /** Tokens of a request sending `entries` (not necessarily this history). */
  estimateRequest(entries: readonly HistoryEntry[]): number {
    return this.prefixTokens + estimateEntriesTokens(entries);
  }
}
