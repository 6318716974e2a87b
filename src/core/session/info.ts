// One stored session's metadata without building an agent (CLI `apply`, `discard`,
// `resume`: they need the workspace folder and the model settings it ran with).
import type { SessionHeader } from './records';
import { readSessionRecords, itemsOf } from './store';

/** One session as listed (history, `tandem sessions`). */
export interface SessionInfo {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  items: number;
  cwd: string;
}

export interface StoredSession {
  id: string;
  /** Absolute workspace root the session ran in. */
  cwd: string;
  createdAt: number;
  model?: SessionHeader['model'];
  items: number;
}

export async function readSessionInfo(storageDir: string, id: string): Promise<StoredSession> {
  const records = await readSessionRecords(storageDir, id);
  const header = records[0] as SessionHeader;
  return { id, cwd: header.cwd, createdAt: header.createdAt, model: header.model, items: itemsOf(records).length };
}
