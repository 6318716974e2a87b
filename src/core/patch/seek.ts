// The matcher: where do a hunk's old lines sit in a file? Pure functions over line
// arrays (no line terminators). Matching is tried at decreasing strictness and the first
// level with any match wins, so a fuzzier level never overrides an exact match:
//   exact -> ignoring trailing whitespace -> ignoring leading and trailing whitespace
//   -> also normalising Unicode punctuation (curly quotes, dashes, odd spaces...).
// Callers decide what to do with several matches at the winning level (see apply.ts).

export const MATCH_LEVELS = ['exact', 'trim-end', 'trim', 'unicode'] as const;
export type MatchLevel = (typeof MATCH_LEVELS)[number];

// Typographic characters models often write as ASCII (or the reverse).
const PUNCTUATION: Record<string, string> = {};
for (const c of '\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D') PUNCTUATION[c] = '-';
for (const c of '\u2018\u2019\u201A\u201B\u2032\uFF07') PUNCTUATION[c] = "'";
for (const c of '\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB\uFF02') PUNCTUATION[c] = '"';
for (const c of '\u00A0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u202F\u205F\u3000') PUNCTUATION[c] = ' ';
PUNCTUATION['\u2026'] = '...';
PUNCTUATION['\u200B'] = '';
PUNCTUATION['\uFEFF'] = '';
const PUNCTUATION_RE = new RegExp(`[${Object.keys(PUNCTUATION).join('')}]`, 'g');

// Most lines have no character above U+007F, so the cheap test skips the replacement.
const NON_ASCII = /[^\u0000-\u007F]/;

export function normaliseLine(line: string, level: MatchLevel): string {
  switch (level) {
    case 'exact':
      return line;
    case 'trim-end':
      return line.trimEnd();
    case 'trim':
      return line.trim();
    case 'unicode':
      return (NON_ASCII.test(line) ? line.replace(PUNCTUATION_RE, (c) => PUNCTUATION[c]) : line).trim();
  }
}

/**
 * A cheap fingerprint of a line (its length and a few sampled characters). Equal lines
 * have equal keys; unequal lines usually differ, so a seek compares small integers
 * along the file and compares strings only where the keys agree.
 */
function lineKey(s: string): number {
  const n = s.length;
  let h = Math.imul(n, 0x9e3779b1);
  // Code lines differ anywhere (names, numbers) and most at the end: sample 12 evenly
  // spaced characters and the last 4.
  for (let k = 0; k < 12; k++) h = Math.imul(h ^ (s.charCodeAt(((k * n) / 12) | 0) | 0), 0x01000193);
  for (let k = 1; k <= 4; k++) h = Math.imul(h ^ (s.charCodeAt(n - k) | 0), 0x01000193);
  return h ^ (h >>> 15);
}

/** A visible ASCII character: trimming never removes it. NaN (no character) is not. */
const printable = (c: number) => c > 0x20 && c < 0x7f;

/**
 * A file's lines with their normalised forms and line keys per level, each computed once
 * (on first use) for the life of the index, i.e. for one file being patched: hunks after
 * the first reuse them, and a level no hunk needs is never computed.
 */
export class LineIndex {
  private readonly forms = new Map<MatchLevel, readonly string[]>();
  private readonly keys = new Map<MatchLevel, Int32Array>();
  private readonly chains = new Map<MatchLevel, KeyChains>();
  constructor(readonly lines: readonly string[]) {}

  at(level: MatchLevel): readonly string[] {
    let out = this.forms.get(level);
    if (!out) {
      out = level === 'exact' ? this.lines : this.lines.map((l) => normaliseLine(l, level));
      this.forms.set(level, out);
    }
    return out;
  }

  /** lineKey() of every line's form at `level`. */
  keysAt(level: MatchLevel): Int32Array {
    let out = this.keys.get(level);
    if (out) return out;
    const lines = this.lines;
    out = new Int32Array(lines.length);
    // Each level reuses the previous level's key wherever normalising cannot change the
    // line (nothing to trim, no character above U+007F), so only those lines cost more.
    const prev = level === 'exact' ? undefined : this.keysAt(MATCH_LEVELS[MATCH_LEVELS.indexOf(level) - 1]);
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i];
      const same =
        prev !== undefined &&
        (level === 'trim-end' ? printable(l.charCodeAt(l.length - 1)) : level === 'trim' ? printable(l.charCodeAt(0)) : !NON_ASCII.test(l));
      out[i] = same ? prev[i] : lineKey(normaliseLine(l, level));
    }
    this.keys.set(level, out);
    return out;
  }

  /**
   * The lines whose key at `level` may equal `key`, as a chain in ascending order:
   * start at `head`, follow `next` until -1 (callers still compare keys and lines).
   */
  chainsAt(level: MatchLevel): KeyChains {
    let out = this.chains.get(level);
    if (out) return out;
    const keys = this.keysAt(level);
    let size = 1;
    while (size < 2 * keys.length) size <<= 1;
    const head = new Int32Array(size).fill(-1);
    const next = new Int32Array(keys.length);
    // Built from the end so every chain comes out ascending.
    for (let i = keys.length - 1; i >= 0; i--) {
      const b = keys[i] & (size - 1);
      next[i] = head[b];
      head[b] = i;
    }
    out = { keys, head, next, mask: size - 1 };
    this.chains.set(level, out);
    return out;
  }

  /** The form of line `i` at `level`, cached only if the whole level was computed. */
  formOf(i: number, level: MatchLevel): string {
    return this.forms.get(level)?.[i] ?? normaliseLine(this.lines[i], level);
  }

  matchesAt(pattern: readonly string[], index: number, level: MatchLevel): boolean {
    if (index < 0 || index + pattern.length > this.lines.length) return false;
    const lines = this.at(level);
    for (let k = 0; k < pattern.length; k++) {
      if (lines[index + k] !== normaliseLine(pattern[k], level)) return false;
    }
    return true;
  }
}

/** Lines bucketed by key (see LineIndex.chainsAt). */
export interface KeyChains {
  keys: Int32Array;
  head: Int32Array;
  next: Int32Array;
  mask: number;
}

export interface SeekResult {
  level: MatchLevel;
  /** Start indices (0-based, ascending) matching at `level`, at or after `from`: all of them, or the first `limit`. */
  indices: number[];
}

/**
 * Matches of `pattern` at the strictest level that has any, starting at or after `from`:
 * the first `limit` of them (callers that only need the first, or to know whether there
 * is a second, stop early). The level is the same whatever the limit.
 */
export function seek(index: LineIndex, pattern: readonly string[], from = 0, limit = Infinity): SeekResult | undefined {
  if (pattern.length === 0) return { level: 'exact', indices: [from] };
  const last = index.lines.length - pattern.length;
  for (const level of MATCH_LEVELS) {
    const want = pattern.map((p) => normaliseLine(p, level));
    const key = lineKey(want[0]);
    const { keys, head, next, mask } = index.chainsAt(level);
    const indices: number[] = [];
    const start = Math.max(0, from);
    for (let i = head[key & mask]; i >= 0 && i <= last && indices.length < limit; i = next[i]) {
      if (i < start || keys[i] !== key) continue;
      let ok = true;
      for (let k = 0; k < want.length && ok; k++) ok = index.formOf(i + k, level) === want[k];
      if (ok) indices.push(i);
    }
    if (indices.length) return { level, indices };
  }
  return undefined;
}

/** All matches of `pattern` at the strictest level that has any, starting at or after `from`. */
export function seekAll(index: LineIndex, pattern: readonly string[], from = 0): SeekResult | undefined {
  return seek(index, pattern, from);
}

/** The match of `pattern` ending exactly at the end of the file, if any (for `*** End of File`). */
export function seekAtEnd(index: LineIndex, pattern: readonly string[], from = 0): SeekResult | undefined {
  const at = index.lines.length - pattern.length;
  if (at < from || at < 0) return undefined;
  for (const level of MATCH_LEVELS) {
    if (index.matchesAt(pattern, at, level)) return { level, indices: [at] };
  }
  return undefined;
}

// ---- nearest candidates, for "could not find" messages ----

function bigrams(s: string): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i < s.length - 1; i++) {
    const g = s.slice(i, i + 2);
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/** Dice similarity of two normalised lines in [0, 1]. */
function similarity(a: string, b: string, ga: Map<string, number>, gb: Map<string, number>): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  let common = 0;
  for (const [g, n] of ga) common += Math.min(n, gb.get(g) ?? 0);
  return (2 * common) / (a.length - 1 + (b.length - 1));
}

// Beyond this many line comparisons, score by equality only (keeps huge files fast).
const MAX_FUZZY_PAIRS = 2_000_000;

/**
 * The windows of the file that look most like `pattern` (best first), as 0-based start
 * indices with a score in [0, 1]. Windows overlapping a better one are dropped.
 */
export function nearestWindows(index: LineIndex, pattern: readonly string[], max = 2): { start: number; score: number }[] {
  const n = index.lines.length;
  const p = pattern.length;
  if (n === 0 || p === 0) return [];
  const lines = index.at('unicode');
  const want = pattern.map((l) => normaliseLine(l, 'unicode'));
  const fuzzy = n * p <= MAX_FUZZY_PAIRS;
  const lineGrams = fuzzy ? lines.map(bigrams) : [];
  const wantGrams = fuzzy ? want.map(bigrams) : [];
  // sim[k][i]: how much pattern line k looks like file line i.
  const sim = want.map((w, k) =>
    lines.map((l, i) => (fuzzy ? similarity(w, l, wantGrams[k], lineGrams[i]) : w === l ? 1 : 0)),
  );
  const width = Math.min(p, n);
  const scored: { start: number; score: number }[] = [];
  for (let s = 0; s <= n - width; s++) {
    let total = 0;
    for (let k = 0; k < width; k++) total += sim[k][s + k];
    scored.push({ start: s, score: total / p });
  }
  scored.sort((a, b) => b.score - a.score || a.start - b.start);
  const picked: { start: number; score: number }[] = [];
  for (const w of scored) {
    if (picked.length >= max || w.score <= 0.2) break;
    if (picked.some((q) => Math.abs(q.start - w.start) < width)) continue;
    picked.push(w);
  }
  return picked;
}
