// Dismissed findings: a user said "not a problem" (the editor's Dismiss), so the same
// finding on the same code is not reported again (see fingerprint.ts for "same"). The
// list is a JSON file; by default in the repository's git folder
// (<git common dir>/tandem/dismissed-findings.json), so the editor, `tandem review` and
// its git hooks in one clone share it, all worktrees included, and it is never committed.
//
// Contract: a file that cannot be parsed is reported (list() rejects) and never
// overwritten; writes go to a temporary file renamed over the old one, one at a time.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { git } from './git';
import type { ReviewFinding } from './types';

export interface Dismissal {
  fingerprint: string;
  path: string;
  title: string;
  reason?: string;
  /** ISO 8601. */
  dismissedAt: string;
}

export interface DismissalStore {
  readonly file: string;
  list(): Promise<Dismissal[]>;
  /** The fingerprints to pass as ReviewOptions.dismissed. */
  fingerprints(): Promise<Set<string>>;
  /** Remembers the finding (it must carry a fingerprint, as reviewChanges' findings do). */
  dismiss(finding: ReviewFinding, reason?: string): Promise<Dismissal>;
  /** Forgets a dismissal; false when there was none. */
  restore(fingerprint: string): Promise<boolean>;
}

export const DISMISSALS_FILE = 'dismissed-findings.json';

/** The shared dismissal file of the repository holding `root`; undefined outside a repository. */
export async function defaultDismissalFile(root: string): Promise<string | undefined> {
  const r = await git(['rev-parse', '--git-common-dir'], root).catch(() => undefined);
  if (!r || r.code !== 0) return undefined;
  // relative to `root` (".git") or absolute (in a linked worktree)
  return path.join(path.resolve(root, r.stdout.trim()), 'tandem', DISMISSALS_FILE);
}

export function createDismissalStore(file: string): DismissalStore {
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  async function read(): Promise<Dismissal[]> {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      throw new Error(`${file} is not valid JSON (${(err as Error).message}); fix or delete it.`);
    }
    const list = (data as { dismissed?: unknown })?.dismissed;
    if (!Array.isArray(list) || !list.every((d) => typeof d?.fingerprint === 'string' && typeof d?.path === 'string')) {
      throw new Error(`${file} is not a list of dismissed findings; fix or delete it.`);
    }
    return list as Dismissal[];
  }

  async function write(list: Dismissal[]): Promise<void> {
    await fs.mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await fs.writeFile(tmp, `${JSON.stringify({ version: 1, dismissed: list }, null, 2)}\n`);
    await fs.rename(tmp, file);
  }

  return {
    file,
    list: () => serial(read),
    fingerprints: () => serial(async () => new Set((await read()).map((d) => d.fingerprint))),
    dismiss: (finding, reason) =>
      serial(async () => {
        if (!finding.fingerprint) throw new Error('This finding has no fingerprint; only findings returned by a review can be dismissed.');
        const list = await read();
        const entry: Dismissal = { fingerprint: finding.fingerprint, path: finding.path, title: finding.title, dismissedAt: new Date().toISOString() };
        if (reason?.trim()) entry.reason = reason.trim();
        await write([...list.filter((d) => d.fingerprint !== entry.fingerprint), entry]);
        return entry;
      }),
    restore: (fingerprint) =>
      serial(async () => {
        const list = await read();
        const rest = list.filter((d) => d.fingerprint !== fingerprint);
        if (rest.length === list.length) return false;
        await write(rest);
        return true;
      }),
  };
}
