// Fuzzy file filter for `@` mentions: the query's characters must appear in order
// (case-insensitive); matches in the file name, at segment starts and in runs score
// higher; shorter paths break ties. Pure.

export function fuzzyScore(query: string, path: string): number | undefined {
  const q = query.toLowerCase().replace(/\s+/g, '');
  if (!q) return 0;
  const p = path.toLowerCase();
  const nameStart = p.lastIndexOf('/') + 1;
  let score = 0;
  let pi = 0;
  let prev = -2;
  for (const ch of q) {
    const at = p.indexOf(ch, pi);
    if (at < 0) return undefined;
    score += 1;
    if (at === prev + 1) score += 3; // a run
    if (at === 0 || p[at - 1] === '/' || p[at - 1] === '.' || p[at - 1] === '-' || p[at - 1] === '_') score += 2;
    if (at >= nameStart) score += 2;
    prev = at;
    pi = at + 1;
  }
  if (p.slice(nameStart).startsWith(q)) score += 10;
  if (p.includes(q)) score += 5;
  return score;
}

export function fuzzyFilter(query: string, paths: readonly string[], limit: number): string[] {
  const scored: { path: string; score: number }[] = [];
  for (const path of paths) {
    const score = fuzzyScore(query, path);
    if (score !== undefined) scored.push({ path, score });
  }
  scored.sort((a, b) => b.score - a.score || a.path.length - b.path.length || a.path.localeCompare(b.path));
  return scored.slice(0, limit).map((s) => s.path);
}
