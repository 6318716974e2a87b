// What opening a session needs for its first paint, without parsing the whole log: the
// newest items (read from the end of the file backwards, in chunks) plus the title and
// item count from the session's summary (listing.ts). A 5,000-item log is ~16 MB; the
// newest 200 items are a few hundred KB near its end.
//
// Contract: items come back oldest first, each in its newest recorded state, the same
// items (and order) as the last `limit` of itemsOf(readSessionRecords(...)) for logs
// that record each item once (as the agent does). An item recorded more than once is
// placed by its earliest record within the bytes read. Unparsable lines (a torn last
// line after a crash) are skipped, as parseRecords skips them.
import { promises as fs } from 'node:fs';
import type { Item } from '../types/items';
import { ANY_PREFIX, NEWLINE, parseLine, readAt, startsWith, summarizeSession } from './listing';
import { sessionFile, sessionsDir } from './store';

const ITEM_PREFIX = Buffer.from('{"t":"item"');
const CHUNK = 64 * 1024;

/** The newest `limit` items of the session log `file`, oldest first. */
export async function readLastItems(file: string, limit: number, chunkSize = CHUNK): Promise<Item[]> {
  if (limit <= 0) return [];
  const found = new Map<string, { item: Item; at: number }>();
  let seq = 0; // counts item lines from the end: a larger value is an earlier line
  const visit = (buf: Buffer, start: number, end: number) => {
    if (end <= start) return;
    // records are written by JSON.stringify with `t` first: skip other records unparsed
    if (startsWith(buf, start, end, ANY_PREFIX) && !startsWith(buf, start, end, ITEM_PREFIX)) return;
    const rec = parseLine(buf, start, end) as { t?: unknown; item?: Item } | undefined; // undefined: torn or corrupt line
    if (rec?.t !== 'item' || typeof rec.item?.id !== 'string') return;
    const at = ++seq;
    const seen = found.get(rec.item.id);
    if (seen) seen.at = at; // keep the newer state, take the earlier position
    else found.set(rec.item.id, { item: rec.item, at });
  };

  const handle = await fs.open(file, 'r');
  try {
    let pos = (await handle.stat()).size;
    let rest: Buffer = Buffer.alloc(0); // the start of a line whose end is already read
    while (pos > 0 && found.size < limit) {
      const from = Math.max(0, pos - chunkSize);
      const chunk = await readAt(handle, from, pos - from);
      pos = from;
      const buf = rest.length > 0 ? Buffer.concat([chunk, rest]) : chunk;
      // every line that follows a newline in `buf` is complete; visit them newest first
      let end = buf.length;
      while (end > 0 && found.size < limit) {
        const nl = buf.lastIndexOf(NEWLINE, end - 1);
        if (nl === -1) break;
        visit(buf, nl + 1, end);
        end = nl;
      }
      rest = buf.subarray(0, end);
      if (pos === 0 && found.size < limit) visit(rest, 0, rest.length); // the file's first line
    }
  } finally {
    await handle.close();
  }
  return [...found.values()].sort((a, b) => b.at - a.at).map((f) => f.item);
}

export interface SessionPreview {
  /** The newest items (at most `limit`), oldest first. */
  items: Item[];
  /** How many items precede `items` (from the summary's count). */
  olderItems: number;
  /** The session's title (its first user message), when it has one. */
  title?: string;
}

/**
 * The newest `limit` items of session `id`, its title and how many items are older,
 * from the log's tail and the session summary. Throws a clear error for an unknown id
 * or a log without a header, as readSessionRecords does.
 */
export async function readSessionPreview(storageDir: string, id: string, limit: number): Promise<SessionPreview> {
  const file = sessionFile(storageDir, id);
  let size: number;
  try {
    size = (await fs.stat(file)).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`No session with id "${id}".`);
    throw err;
  }
  const summary = await summarizeSession(sessionsDir(storageDir), id, file, size);
  if (!summary) throw new Error(`The session file for "${id}" has no header line.`);
  const items = await readLastItems(file, limit);
  return { items, olderItems: Math.max(0, summary.items - items.length), ...(summary.title ? { title: summary.title } : {}) };
}
