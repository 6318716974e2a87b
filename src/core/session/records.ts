// The lines of a session file (`<storageDir>/sessions/<id>.jsonl`). One JSON object per
// line, discriminated on `t`. The first line is the header; the rest are appended as
// things complete, so a crash loses at most the turn in flight (and a torn last line,
// which readers ignore).
import type { Item, QueuedMessage, SubagentType } from '../types/items';
import type { Usage } from '../types/events';
import type { HistoryEntry, ReasoningEffort, WireApi } from '../model/types';

export const SESSION_FORMAT_VERSION = 1;

export interface SessionHeader {
  t: 'header';
  v: number;
  id: string;
  createdAt: number;
  /** Absolute workspace root the session ran in. */
  cwd: string;
  /** Model settings to resume with (never the API key). */
  model?: { model: string; baseUrl?: string; wire?: WireApi; reasoningEffort?: ReasoningEffort; contextWindow?: number };
  /** The exact instructions sent, so a resumed session keeps a byte-stable prefix. */
  instructions?: string;
  /** Set on a subagent's own log (kept under its parent's session folder): who started it. */
  parent?: { sessionId: string; agentId: string; agentType: SubagentType; depth: number };
}

export type SessionRecord =
  | SessionHeader
  | { t: 'turn_started'; turnId: string; at: number }
  | { t: 'item'; item: Item }
  /** Entries appended to the model history. */
  | { t: 'history'; entries: HistoryEntry[] }
  /** The history was replaced (compaction, or trimming to fit the window). */
  | { t: 'history_reset'; entries: HistoryEntry[] }
  | { t: 'turn_ended'; turnId: string; status: 'completed' | 'failed' | 'aborted'; usage?: Usage; at: number }
  /** Token accounting snapshot (for the context meter after resume). */
  | { t: 'usage'; contextTokens: number; historyLength: number }
  /**
   * The messages waiting for the agent (steered or queued), whole, after every change:
   * the last such record is the list (written before a message is acknowledged).
   */
  | { t: 'queue'; messages: QueuedMessage[] };

/** Parses a session file's text; skips unparsable lines (a torn last line after a crash). */
export function parseRecords(text: string): SessionRecord[] {
  const out: SessionRecord[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const rec = JSON.parse(line) as SessionRecord;
      if (rec && typeof rec === 'object' && typeof (rec as { t?: unknown }).t === 'string') out.push(rec);
    } catch {
      // torn or corrupt line: everything before it is still usable
    }
  }
  return out;
}
