// Finds the renames in what a command did (`mv a b`, a moved folder, `git mv`): a file
// the command removed and a new file it created with the same content, or, for a few
// candidates, similar content (a move plus edits). They are staged as renames, as
// apply_patch's `*** Move to:` is, so review shows one moved file, not the whole file
// twice. Like git: empty files are never paired, similarity is over lines and must
// reach one half, and all-pairs comparison only runs when there are few candidates.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type { StagingArea } from '../staging/types';
import { baseName } from '../util/paths';
import { asText } from '../util/text';

export interface NewFile {
  rel: string;
  /** Where its content is (the command's upper dir). */
  abs: string;
  size: number;
}

export interface RenamePlan {
  renames: { from: string; to: string; source?: string }[];
  /** What was not paired. */
  writes: NewFile[];
  deletes: string[];
}

const MIN_SIMILARITY = 0.5;
/** All-pairs similarity only below this many comparisons; above, same-name pairs only. */
const MAX_PAIRS = 400;
const MAX_SIMILARITY_BYTES = 1024 * 1024;

export async function findRenames(writes: NewFile[], deletes: string[], staging: StagingArea): Promise<RenamePlan> {
  const plan: RenamePlan = { renames: [], writes: [], deletes: [] };
  if (!writes.length || !deletes.length) return { renames: [], writes, deletes };
  const adds: NewFile[] = [];
  for (const w of writes) ((await staging.stat(w.rel)) ? plan.writes : adds).push(w);
  const gone = new Map<string, { size: number; bytes?: Uint8Array }>();
  for (const d of deletes) gone.set(d, { size: (await staging.stat(d))?.size ?? -1 });

  const oldBytes = async (d: string) => {
    const g = gone.get(d)!;
    g.bytes ??= (await staging.readFile(d)) ?? new Uint8Array();
    return g.bytes;
  };

  // Exact content, preferring the same file name among equal candidates. Indexed by
  // content hash (and hash + name), so many equal files stay linear.
  const addSizes = new Set(adds.map((a) => a.size));
  const byHash = new Map<string, string[]>();
  for (const [d, g] of gone) {
    if (g.size <= 0 || !addSizes.has(g.size)) continue;
    const h = sha(await oldBytes(d));
    g.bytes = undefined; // hashed; reread only if compared for similarity
    for (const key of [h, `${h}\0${baseName(d)}`]) {
      const list = byHash.get(key);
      if (list) list.push(d);
      else byHash.set(key, [d]);
    }
  }
  const take = (key: string): string | undefined => {
    const list = byHash.get(key);
    while (list?.length) {
      const d = list.pop()!;
      if (gone.has(d)) return d;
    }
    return undefined;
  };
  const unpaired: NewFile[] = [];
  for (const a of adds) {
    let match: string | undefined;
    if (a.size > 0 && byHash.size) {
      const h = sha(new Uint8Array(await fs.readFile(a.abs)));
      match = take(`${h}\0${baseName(a.rel)}`) ?? take(h);
    }
    if (match) {
      gone.delete(match);
      plan.renames.push({ from: match, to: a.rel });
    } else unpaired.push(a);
  }

  // Similar content (moved and edited).
  const left = [...gone.keys()];
  const all = unpaired.length * left.length <= MAX_PAIRS;
  const byName = new Map<string, string[]>();
  for (const d of left) {
    const list = byName.get(baseName(d));
    if (list) list.push(d);
    else byName.set(baseName(d), [d]);
  }
  const scored: { a: NewFile; d: string; score: number }[] = [];
  let budget = MAX_PAIRS * 5; // bounded work whatever the command did
  for (const a of unpaired) {
    if (a.size === 0 || a.size > MAX_SIMILARITY_BYTES || budget <= 0) continue;
    const candidates = all ? left : (byName.get(baseName(a.rel)) ?? []);
    if (!candidates.length) continue;
    const newText = asText(new Uint8Array(await fs.readFile(a.abs)));
    if (newText === undefined) continue;
    for (const d of candidates) {
      if (budget-- <= 0) break;
      const g = gone.get(d)!;
      if (g.size <= 0 || g.size > MAX_SIMILARITY_BYTES) continue;
      const oldText = asText(await oldBytes(d));
      if (oldText === undefined) continue;
      const score = similarity(oldText, newText);
      if (score >= MIN_SIMILARITY) scored.push({ a, d, score });
    }
  }
  scored.sort((x, y) => y.score - x.score);
  const taken = new Set<NewFile>();
  for (const { a, d, score } of scored) {
    if (taken.has(a) || !gone.has(d) || score < MIN_SIMILARITY) continue;
    taken.add(a);
    gone.delete(d);
    plan.renames.push({ from: d, to: a.rel, source: a.abs });
  }
  plan.writes.push(...unpaired.filter((a) => !taken.has(a)));
  plan.deletes = deletes.filter((d) => gone.has(d));
  return plan;
}

function sha(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

/** Lines in common (as multisets) over all lines: 1 for equal texts, 0 for disjoint ones. */
export function similarity(a: string, b: string): number {
  const lines = (t: string) => (t.endsWith('\n') ? t.slice(0, -1) : t).split('\n');
  const la = lines(a);
  const lb = lines(b);
  const counts = new Map<string, number>();
  for (const l of la) counts.set(l, (counts.get(l) ?? 0) + 1);
  let common = 0;
  for (const l of lb) {
    const n = counts.get(l) ?? 0;
    if (n > 0) {
      common++;
      counts.set(l, n - 1);
    }
  }
  return (2 * common) / (la.length + lb.length);
}
