// Listing sessions without parsing their logs. A 5,000-item log is ~16 MB of JSON; the
// history list needs only its header (createdAt, cwd), its title (the first user
// message) and its item count. Those live in a small summary per session,
// `<storageDir>/sessions/<id>/summary.json`, that records how many bytes of the log it
// describes. Since logs are append-only, a summary older than its log is brought up to
// date by scanning only the bytes appended since; a missing or unreadable summary (logs
// from before summaries, a summary from another version) means one scan of the whole
// log, which is then cached. The log stays the only source of truth: the summary can be
// deleted at any time, and the JSONL format is unchanged.
//
// The scan does not JSON.parse item lines: it reads each line's record type from its
// first bytes (records are written by JSON.stringify with `t` first) and the item id by
// skipping over the item's top-level string values with indexOf; it parses only the
// header, the first user message, and any line not in that shape. Only newline-terminated lines count: the last line may be
// mid-append (or torn by a crash) and is read again next time.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Item } from '../types/items';

/** What the history list shows of one session. */
export interface SessionSummaryData {
  createdAt: number;
  cwd: string;
  /** Title from the first user message (titleFromText); undefined until there is one. */
  title?: string;
  /** Distinct items (a re-recorded item counts once within one scan). */
  items: number;
}

interface SummaryFile extends SessionSummaryData {
  v: typeof SUMMARY_VERSION;
  /** Bytes of the log this summary describes (always the end of a complete line). */
  bytes: number;
}

const SUMMARY_VERSION = 1;
export const NEWLINE = 0x0a;
const ITEM_PREFIX = Buffer.from('{"t":"item","item":{');
/** How every record line starts when written by JSON.stringify (`t` first). */
export const ANY_PREFIX = Buffer.from('{"t":"');
const USER_MESSAGE = Buffer.from('"type":"user_message"');

/** A session's title: its first user message, whitespace collapsed, at most 80 characters. */
export function titleFromText(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 80 ? `${t.slice(0, 79)}…` : t;
}

export function summaryFile(sessionsFolder: string, id: string): string {
  return path.join(sessionsFolder, id, 'summary.json');
}

/** The summary of the log `file` of session `id`; undefined when the log has no header. */
export async function summarizeSession(sessionsFolder: string, id: string, file: string, size: number): Promise<SessionSummaryData | undefined> {
  const cached = await readSummary(summaryFile(sessionsFolder, id));
  if (cached && cached.bytes === size) return cached;
  let next: SummaryFile | undefined;
  if (cached && cached.bytes < size) {
    const tail = await readRange(file, cached.bytes, size);
    next = scan(tail, cached.bytes, cached);
  } else {
    next = scan(await fs.readFile(file), 0, undefined);
  }
  if (!next) return undefined;
  if (next.bytes !== cached?.bytes) await writeSummary(summaryFile(sessionsFolder, id), next);
  return next;
}

/**
 * Scans complete lines of `buf` (which starts at byte `offset` of the log) on top of
 * `base` (undefined: `buf` starts with the header line). Undefined when there is no header.
 */
export function scan(buf: Buffer, offset: number, base: SummaryFile | undefined): SummaryFile | undefined {
  let summary: SummaryFile | undefined = base ? { ...base } : undefined;
  const seen = new Set<string>();
  let pos = 0;
  let end = 0;
  for (;;) {
    const nl = buf.indexOf(NEWLINE, pos);
    if (nl === -1) break;
    const start = pos;
    pos = nl + 1;
    end = pos;
    if (nl === start) continue;
    if (!summary) {
      // the first line must be the header
      const header = parseLine(buf, start, nl) as { t?: unknown; createdAt?: unknown; cwd?: unknown } | undefined;
      if (header?.t !== 'header' || typeof header.cwd !== 'string') return undefined;
      summary = { v: SUMMARY_VERSION, bytes: 0, createdAt: Number(header.createdAt) || 0, cwd: header.cwd, items: 0 };
      continue;
    }
    const id = itemIdOf(buf, start, nl);
    if (id === undefined) continue;
    if (!seen.has(id)) {
      seen.add(id);
      summary.items++;
    }
    if (summary.title === undefined && buf.subarray(start, nl).includes(USER_MESSAGE)) {
      const item = (parseLine(buf, start, nl) as { item?: Item } | undefined)?.item;
      if (item?.type === 'user_message') summary.title = titleFromText(item.text);
    }
  }
  if (!summary) return undefined;
  summary.bytes = offset + end;
  return summary;
}

/** The item id of an item line; undefined for other records and unparsable lines. */
function itemIdOf(buf: Buffer, start: number, nl: number): string | undefined {
  if (startsWith(buf, start, nl, ITEM_PREFIX)) {
    const id = topLevelId(buf, start + ITEM_PREFIX.length, nl);
    if (id !== undefined) return id;
  } else if (startsWith(buf, start, nl, ANY_PREFIX)) {
    return undefined; // another record type, written the usual way
  }
  const rec = parseLine(buf, start, nl) as { t?: unknown; item?: { id?: unknown } } | undefined;
  return rec?.t === 'item' && typeof rec.item?.id === 'string' ? rec.item.id : undefined;
}

/** True when the line `buf[start, end)` begins with `prefix`. */
export function startsWith(buf: Buffer, start: number, end: number, prefix: Buffer): boolean {
  return end - start >= prefix.length && buf.compare(prefix, 0, prefix.length, start, start + prefix.length) === 0;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const ID_KEY = Buffer.from('"id":"');

/**
 * The item's own `id`, read by walking its top-level keys from `pos` (just after the
 * item's `{`): string values are skipped with indexOf, not parsed. Undefined (caller
 * parses the line) when a nested object or array comes before `id`, or on anything odd.
 */
function topLevelId(buf: Buffer, pos: number, end: number): string | undefined {
  for (let keys = 0; keys < 64 && pos < end; keys++) {
    if (buf.compare(ID_KEY, 0, ID_KEY.length, pos, Math.min(end, pos + ID_KEY.length)) === 0) {
      const from = pos + ID_KEY.length;
      const close = stringEnd(buf, from, end);
      if (close === -1) return undefined;
      const id = buf.toString('utf8', from, close);
      return id.includes('\\') ? undefined : id;
    }
    if (buf[pos] !== QUOTE) return undefined;
    const keyEnd = stringEnd(buf, pos + 1, end);
    if (keyEnd === -1 || buf[keyEnd + 1] !== 0x3a) return undefined; // ':'
    let v = keyEnd + 2;
    if (buf[v] === QUOTE) {
      v = stringEnd(buf, v + 1, end);
      if (v === -1) return undefined;
      v++;
    } else {
      // a number, true, false or null: up to the next ',' (objects and arrays: give up)
      if (buf[v] === 0x7b || buf[v] === 0x5b) return undefined;
      v = buf.indexOf(0x2c, v);
      if (v === -1 || v >= end) return undefined;
    }
    if (buf[v] !== 0x2c) return undefined; // ',' before the next key; '}' means no id
    pos = v + 1;
  }
  return undefined;
}

/** Index of the quote closing the JSON string whose body starts at `from`, or -1. */
function stringEnd(buf: Buffer, from: number, end: number): number {
  let q = buf.indexOf(QUOTE, from);
  while (q !== -1 && q < end) {
    let slashes = 0;
    while (buf[q - 1 - slashes] === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return q;
    q = buf.indexOf(QUOTE, q + 1);
  }
  return -1;
}

/** The JSON value of the line `buf[start, end)`; undefined when it does not parse. */
export function parseLine(buf: Buffer, start: number, end: number): unknown {
  try {
    return JSON.parse(buf.toString('utf8', start, end));
  } catch {
    return undefined; // a torn or corrupt line: readers skip it too
  }
}

async function readRange(file: string, from: number, to: number): Promise<Buffer> {
  const handle = await fs.open(file, 'r');
  try {
    return await readAt(handle, from, to - from);
  } finally {
    await handle.close();
  }
}

/** Up to `length` bytes of an open file from `position` (fewer at its end). */
export async function readAt(handle: fs.FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  let read = 0;
  while (read < buf.length) {
    const { bytesRead } = await handle.read(buf, read, buf.length - read, position + read);
    if (bytesRead === 0) break;
    read += bytesRead;
  }
  return buf.subarray(0, read);
}

async function readSummary(file: string): Promise<SummaryFile | undefined> {
  try {
    const s = JSON.parse(await fs.readFile(file, 'utf8')) as Partial<SummaryFile>;
    const ok =
      s.v === SUMMARY_VERSION &&
      Number.isSafeInteger(s.bytes) &&
      typeof s.cwd === 'string' &&
      typeof s.createdAt === 'number' &&
      Number.isSafeInteger(s.items) &&
      (s.title === undefined || typeof s.title === 'string');
    return ok ? (s as SummaryFile) : undefined;
  } catch {
    return undefined; // none yet, or unreadable: rescan
  }
}

/** Best effort: a summary that cannot be written only costs a rescan next time. */
async function writeSummary(file: string, summary: SummaryFile): Promise<void> {
  try {
    await fs.mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await fs.writeFile(tmp, JSON.stringify(summary));
    await fs.rename(tmp, file); // readers never see half a summary
  } catch {
    // read-only storage, a session deleted meanwhile: fine
  }
}
