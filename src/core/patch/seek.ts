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

export function normaliseLine(line: string, level: MatchLevel): string {
  switch (level) {
    case 'exact':
      return line;
    case 'trim-end':
      return line.trimEnd();
    case 'trim':
      return line.trim();
    case 'unicode':
      return line.replace(PUNCTUATION_RE, (c) => PUNCTUATION[c]).trim();
  }
}

/** A file's lines with lazily computed normalised forms, so repeated seeks stay cheap. */
export class LineIndex {
  private readonly cache = new Map<MatchLevel, string[]>();
  constructor(readonly lines: readonly string[]) {}

  at(level: MatchLevel): readonly string[] {
    let out = this.cache.get(level);
    if (!out) {
      out = this.lines.map((l) => normaliseLine(l, level));
      this.cache.set(level, out);
    }
    return out;
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

export interface SeekResult {
  level: MatchLevel;
  /** Every start index (0-based, ascending) matching at `level`, at or after `from`. */
  indices: number[];
}

/** All matches of `pattern` at the strictest level that has any, starting at or after `from`. */
export function seekAll(index: LineIndex, pattern: readonly string[], from = 0): SeekResult | undefined {
  if (pattern.length === 0) return { level: 'exact', indices: [from] };
  const last = index.lines.length - pattern.length;
  for (const level of MATCH_LEVELS) {
    const lines = index.at(level);
    const want = pattern.map((p) => normaliseLine(p, level));
    const indices: number[] = [];
    for (let i = Math.max(0, from); i <= last; i++) {
      if (lines[i] !== want[0]) continue;
      let ok = true;
      for (let k = 1; k < want.length && ok; k++) ok = lines[i + k] === want[k];
      if (ok) indices.push(i);
    }
    if (indices.length) return { level, indices };
  }
  return undefined;
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
