// Fuzzy ranking of file paths for `@` mentions, the one ranker: the host's
// `files/search` ranks the workspace's files with it and answers with the best matches
// and their matched positions (the webview only highlights them). The order is the one
// people expect from VS Code's quick open:
// every query character must appear in order (case-insensitive); matches in the file
// name, at word starts (after / . _ - or a camelCase hump) and in runs score higher;
// shorter paths win ties.

import type { FileMatch } from '../../protocol/messages';

export interface FuzzyMatch extends FileMatch {
  score: number;
}

const SEPARATORS = new Set(['/', '\\', '.', '_', '-', ' ']);

export function fuzzyMatch(query: string, path: string): FuzzyMatch | undefined {
  const q = query.replace(/\s+/g, '').toLowerCase();
  if (q === '') return { path, score: -path.length / 1000, positions: [] };
  const lower = path.toLowerCase();
  const nameStart = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1;

  // Prefer matching inside the file name: try the greedy match from the name first,
  // then from the start of the path, and keep the better score.
  const candidates = [matchFrom(q, path, lower, nameStart), matchFrom(q, path, lower, 0)];
  let best: FuzzyMatch | undefined;
  for (const positions of candidates) {
    if (!positions) continue;
    const score = scorePositions(path, positions, nameStart);
    if (!best || score > best.score) best = { path, score, positions };
  }
  return best;
}

function matchFrom(q: string, path: string, lower: string, start: number): number[] | undefined {
  const positions: number[] = [];
  let from = start;
  for (const ch of q) {
    // prefer the next word start for this character, else its next occurrence
    let at = -1;
    for (let i = from; i < lower.length; i++) {
      if (lower[i] !== ch) continue;
      if (at === -1) at = i;
      if (isWordStart(path, i) || (positions.length > 0 && i === positions[positions.length - 1] + 1)) {
        at = i;
        break;
      }
    }
    if (at === -1) return undefined;
    positions.push(at);
    from = at + 1;
  }
  return positions;
}

function isWordStart(path: string, i: number): boolean {
  if (i === 0) return true;
  const prev = path[i - 1];
  if (SEPARATORS.has(prev)) return true;
  return prev === prev.toLowerCase() && path[i] !== path[i].toLowerCase(); // camelCase hump
}

function scorePositions(path: string, positions: number[], nameStart: number): number {
  let score = 0;
  positions.forEach((p, k) => {
    score += 1;
    if (p >= nameStart) score += 2;
    // a match right after '.' is usually the file extension: a weak signal
    if (isWordStart(path, p)) score += p > 0 && path[p - 1] === '.' ? 1 : 3;
    if (k > 0 && p === positions[k - 1] + 1) score += 4;
  });
  if (positions.length > 0 && positions[0] === nameStart) score += 4;
  // a shorter path is a more specific match
  return score - path.length / 100;
}

/** Ranks paths by fuzzy score, best first; non-matching paths are dropped. */
export function rankPaths(query: string, paths: readonly string[], limit = 50): FuzzyMatch[] {
  const out: FuzzyMatch[] = [];
  const seen = new Set<string>();
  for (const path of paths) {
    if (seen.has(path)) continue;
    seen.add(path);
    const m = fuzzyMatch(query, path);
    if (m) out.push(m);
  }
  out.sort((a, b) => b.score - a.score || a.path.localeCompare(b.path));
  return out.slice(0, limit);
}
