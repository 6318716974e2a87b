// Sessions on disk: `<storageDir>/sessions/<id>.jsonl` (append-only log, see records.ts)
// and `<storageDir>/sessions/<id>/staging` (the session's staging area).
//
// Appends are synchronous on purpose: each line is on disk (in the OS cache) before the
// loop moves on, so a killed process loses at most the turn in flight, never a
// completed item. The lines are small and few (one per completed item or history step).
import { appendFileSync, mkdirSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { SessionInfo } from './info';
import type { Item } from '../types/items';
import { parseRecords, SESSION_FORMAT_VERSION, type SessionHeader, type SessionRecord } from './records';
import { summarizeSession } from './listing';

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

export function sessionsDir(storageDir: string): string {
  return path.join(storageDir, 'sessions');
}

export function assertSessionId(id: string): void {
  // ids become file names: refuse anything that could escape the sessions folder
  if (!ID_PATTERN.test(id)) throw new Error(`Not a valid session id: "${id}".`);
}

export function sessionFile(storageDir: string, id: string): string {
  assertSessionId(id);
  return path.join(sessionsDir(storageDir), `${id}.jsonl`);
}

export function stagingDir(storageDir: string, id: string): string {
  assertSessionId(id);
  return path.join(sessionsDir(storageDir), id, 'staging');
}

/** The session's image store (images/store.ts); deleted with the session. */
export function imagesDir(storageDir: string, id: string): string {
  assertSessionId(id);
  return path.join(sessionsDir(storageDir), id, 'images');
}

/** A new id: sortable by creation time, unique enough to never collide. */
export function newSessionId(now = Date.now()): string {
  return `${new Date(now).toISOString().replace(/[-:]/g, '').replace(/\..*$/, '')}-${randomUUID().slice(0, 8)}`;
}

/** Appends records to one session file. */
export class SessionWriter {
  constructor(readonly file: string) {}

  static create(storageDir: string, header: Omit<SessionHeader, 't' | 'v'>): SessionWriter {
    const file = sessionFile(storageDir, header.id);
    mkdirSync(path.dirname(file), { recursive: true });
    const w = new SessionWriter(file);
    w.append({ t: 'header', v: SESSION_FORMAT_VERSION, ...header });
    return w;
  }

  append(record: SessionRecord): void {
    // a leading newline would be safer after a torn line, but readers skip torn lines
    // and a torn line only happens when the process died, after which we never append
    appendFileSync(this.file, JSON.stringify(record) + '\n');
  }
}

export async function readSessionRecords(storageDir: string, id: string): Promise<SessionRecord[]> {
  let text: string;
  try {
    text = await fs.readFile(sessionFile(storageDir, id), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`No session with id "${id}".`);
    throw err;
  }
  const records = parseRecords(text);
  if (records[0]?.t !== 'header') throw new Error(`The session file for "${id}" has no header line.`);
  return records;
}

/** Items in start order, each in its last recorded state. */
export function itemsOf(records: SessionRecord[]): Item[] {
  const byId = new Map<string, Item>();
  for (const r of records) if (r.t === 'item') byId.set(r.item.id, r.item);
  return [...byId.values()];
}


/** Resolves a unique id prefix (as typed in the CLI) to the full id. */
export async function resolveSessionId(storageDir: string, prefix: string): Promise<string> {
  const ids = (await listSessions(storageDir)).map((s) => s.id);
  if (ids.includes(prefix)) return prefix;
  const matches = ids.filter((id) => id.startsWith(prefix));
  if (matches.length === 1) return matches[0];
  if (matches.length === 0) throw new Error(`No session with id "${prefix}".`);
  throw new Error(`"${prefix}" matches ${matches.length} sessions; give more of the id.`);
}

/**
 * Sessions in storageDir, most recently updated first. Unreadable files are skipped.
 * Cheap: a stat and a small summary per session; a log is scanned (not parsed) only for
 * the bytes appended since its summary was written (listing.ts).
 */
export async function listSessions(storageDir: string): Promise<SessionInfo[]> {
  let names: string[];
  try {
    names = await fs.readdir(sessionsDir(storageDir));
  } catch {
    return [];
  }
  const out: SessionInfo[] = [];
  for (const name of names) {
    if (!name.endsWith('.jsonl')) continue;
    const id = name.slice(0, -'.jsonl'.length);
    if (!ID_PATTERN.test(id)) continue;
    try {
      const file = path.join(sessionsDir(storageDir), name);
      const st = await fs.stat(file);
      const s = await summarizeSession(sessionsDir(storageDir), id, file, st.size);
      if (!s) continue;
      out.push({ id, title: s.title || '(no message)', createdAt: s.createdAt, updatedAt: st.mtimeMs, items: s.items, cwd: s.cwd });
    } catch {
      // a file removed while listing, or unreadable: not a session we can show
    }
  }
  return out.sort((a, b) => b.updatedAt - a.updatedAt);
}

/** Removes the session log and its staging area. Missing sessions are not an error. */
export async function deleteSession(storageDir: string, id: string): Promise<void> {
  await fs.rm(sessionFile(storageDir, id), { force: true });
  await fs.rm(path.join(sessionsDir(storageDir), id), { recursive: true, force: true });
}
