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
//
// Older pages (readItemsBefore) read backwards from a point of the log the same way, for
// an agent that keeps only its recent items in memory (agent/itemWindow.ts).
import { promises as fs } from 'node:fs';
import type { Item } from '../types/items';
import { ANY_PREFIX, NEWLINE, parseLine, readAt, startsWith, summarizeSession } from './listing';
import { sessionFile, sessionsDir } from './store';

const ITEM_PREFIX = Buffer.from('{"t":"item"');
const CHUNK = 64 * 1024;

/**
 * Visits the item records of the log `file` that end at or before byte `end` (default:
 * the whole file), newest first, with each record's byte offset, until `visit` returns
 * false. Torn or corrupt lines and other records are skipped without a full parse.
 */
async function scanItemsBackwards(file: string, end: number | undefined, visit: (item: Item, offset: number) => boolean, chunkSize = CHUNK): Promise<void> {
  const handle = await fs.open(file, 'r');
  try {
    let pos = Math.min(end ?? Infinity, (await handle.stat()).size);
    let rest: Buffer = Buffer.alloc(0); // the start of a line whose end is already read
    let more = true;
    const line = (buf: Buffer, base: number, start: number, stop: number) => {
      if (stop <= start) return;
      // records are written by JSON.stringify with `t` first: skip other records unparsed
      if (startsWith(buf, start, stop, ANY_PREFIX) && !startsWith(buf, start, stop, ITEM_PREFIX)) return;
      const rec = parseLine(buf, start, stop) as { t?: unknown; item?: Item } | undefined; // undefined: torn or corrupt line
      if (rec?.t !== 'item' || typeof rec.item?.id !== 'string') return;
      more = visit(rec.item, base + start);
    };
    while (pos > 0 && more) {
      const from = Math.max(0, pos - chunkSize);
      const chunk = await readAt(handle, from, pos - from);
      pos = from;
      const buf = rest.length > 0 ? Buffer.concat([chunk, rest]) : chunk;
      // every line that follows a newline in `buf` is complete; visit them newest first
      let stop = buf.length;
      while (stop > 0 && more) {
        const nl = buf.lastIndexOf(NEWLINE, stop - 1);
        if (nl === -1) break;
        line(buf, from, nl + 1, stop);
        stop = nl;
      }
      rest = buf.subarray(0, stop);
      if (pos === 0 && more) line(rest, 0, 0, rest.length); // the file's first line
    }
  } finally {
    await handle.close();
  }
}

/** The newest `limit` items of the session log `file`, oldest first. */
export async function readLastItems(file: string, limit: number, chunkSize = CHUNK): Promise<Item[]> {
  if (limit <= 0) return [];
  const found = new Map<string, { item: Item; at: number }>();
  let seq = 0; // counts item lines from the end: a larger value is an earlier line
  await scanItemsBackwards(
    file,
    undefined,
    (item) => {
      const at = ++seq;
      const seen = found.get(item.id);
      if (seen) seen.at = at; // keep the newer state, take the earlier position
      else found.set(item.id, { item, at });
      return found.size < limit;
    },
    chunkSize,
  );
  return [...found.values()].sort((a, b) => b.at - a.at).map((f) => f.item);
}

export interface ItemPage {
  /** Oldest first. */
  items: Item[];
  /** Byte offset of each item's record in the log (a cursor for the next page). */
  offsets: number[];
}

/**
 * A page of older items: up to `limit` items whose records precede a point of the log,
 * oldest first, each once (its newest state within the page). The point is `beforeOffset`
 * (a record's offset from an earlier page), else the record of `beforeId` (found by
 * scanning from the end; rejects when the log has none), else the end of the log.
 * Items for which `skip(id)` is true are left out (those the caller holds).
 */
export async function readItemsBefore(
  file: string,
  options: { limit: number; beforeId?: string; beforeOffset?: number; skip?: (id: string) => boolean },
  chunkSize = CHUNK,
): Promise<ItemPage> {
  const page: ItemPage = { items: [], offsets: [] };
  if (options.limit <= 0) return page;
  let found = options.beforeId === undefined || options.beforeOffset !== undefined;
  const seen = new Set<string>();
  await scanItemsBackwards(
    file,
    options.beforeOffset,
    (item, offset) => {
      if (!found) {
        found = item.id === options.beforeId;
        return true;
      }
      if (seen.has(item.id) || options.skip?.(item.id)) return true;
      seen.add(item.id);
      page.items.push(item);
      page.offsets.push(offset);
      return page.items.length < options.limit;
    },
    chunkSize,
  );
  if (!found) throw new Error(`No item "${options.beforeId}" in this session.`);
  page.items.reverse();
  page.offsets.reverse();
  return page;
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
