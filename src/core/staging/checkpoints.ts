// Checkpoints of a staging area and the apply journal, for "undo this turn" and "revert
// applied changes".
//
// - A checkpoint (one per turn, taken when it starts) is `dir/checkpoints/<id>.json`: the
//   manifest's entries with the layer content and base of each by hash, the contents in
//   `dir/objects` (util/contentStore.ts). Unchanged contents are not stored again, so a
//   checkpoint costs a small JSON file plus what changed since the previous one.
// - Every apply that writes the user's files appends an AppliedRecord to the manifest
//   (before/after contents by hash, and the newest checkpoint at that time).
// - undo(id) puts the staged set back as it was at checkpoint `id`: entries, layer bytes
//   (files written by sandboxed commands included) and bases. Files applied to the
//   workspace since that checkpoint are left out (their staged entry is dropped): their
//   changes are in the user's files, and "revert applied changes" (revert.ts) writes
//   those back and then restages what the checkpoint had for them.
// Nothing here touches the workspace (the user's files or their git repository).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { toAbsolute } from '../util/paths';
import type { FileChangeKind } from '../types/items';
import { isWritten, type AppliedRecord, type Entry, type StagingStore } from './store';
import type { ObjectId, ContentStore } from '../util/contentStore';
import type { Written } from './applyReject';

export interface CheckpointEntry {
  kind: FileChangeKind;
  from?: string;
  /** Object id of the base (workspace content the change was computed against); null for adds. */
  base: ObjectId | null;
  /** Object id of the staged content; null for deletions. */
  content: ObjectId | null;
  /**
   * As on the entry (store.ts): hunks decided one by one, the protected-path label, who
   * staged it (a subagent's merged work keeps its attribution) and a merge conflict.
   */
  decided?: Entry['decided'];
  protected?: string;
  agents?: string[];
  conflict?: Entry['conflict'];
}

interface CheckpointFile {
  version: 1;
  id: string;
  at: number;
  entries: Record<string, CheckpointEntry>;
}

const ID = /^[A-Za-z0-9_-]{1,128}$/;

export class Checkpoints {
  /** Object id of each base file (base files never change once written). */
  private readonly baseIds = new Map<string, ObjectId>();

  constructor(
    private readonly store: StagingStore,
    private readonly objects: ContentStore,
  ) {}

  private file(id: string): string {
    if (!ID.test(id)) throw new Error(`Not a valid checkpoint id: "${id}".`);
    return path.join(this.store.dir, 'checkpoints', `${id}.json`);
  }

  has(id: string): boolean {
    return this.store.checkpoints.includes(id);
  }

  /** Records the staged set now under `id` (the caller persists the manifest). */
  async take(id: string): Promise<void> {
    const entries: Record<string, CheckpointEntry> = {};
    for (const [rel, e] of this.store.entries) entries[rel] = await this.describe(rel, e);
    const cp: CheckpointFile = { version: 1, id, at: Date.now(), entries };
    const target = this.file(id);
    await fs.mkdir(path.dirname(target), { recursive: true });
    const tmp = `${target}.tmp`;
    await fs.writeFile(tmp, JSON.stringify(cp));
    await fs.rename(tmp, target);
    this.store.checkpoints = [...this.store.checkpoints.filter((c) => c !== id), id];
  }

  async read(id: string): Promise<Record<string, CheckpointEntry>> {
    if (!this.has(id)) throw new Error('There is no checkpoint for this turn (it ran before Tandem recorded checkpoints, or in another session).');
    const cp = JSON.parse(await fs.readFile(this.file(id), 'utf8')) as CheckpointFile;
    if (cp.version !== 1) throw new Error(`Unsupported checkpoint version ${String(cp.version)}.`);
    return cp.entries;
  }

  /** Journals an apply that wrote the workspace (the caller persists the manifest). */
  async journal(rel: string, entry: Entry, written: Written): Promise<void> {
    const put = (b: Uint8Array | undefined) => (b === undefined ? Promise.resolve(null) : this.objects.put(b));
    const record: AppliedRecord = {
      checkpoint: this.store.checkpoints.at(-1) ?? null,
      path: rel,
      ...(entry.kind === 'rename' && entry.from ? { from: entry.from } : {}),
      kind: entry.kind,
      before: await put(written.before),
      after: await put(written.after),
    };
    this.store.applied.push(record);
  }

  /** Applies not yet reverted that happened at or after checkpoint `id`, oldest first. */
  appliedSince(id: string): AppliedRecord[] {
    const at = this.store.checkpoints.indexOf(id);
    if (at < 0) return [];
    const later = new Set(this.store.checkpoints.slice(at));
    return this.store.applied.filter((r) => !r.reverted && r.checkpoint !== null && later.has(r.checkpoint));
  }

  /**
   * Puts the staged set back to checkpoint `id`, except paths applied since (dropped:
   * see the header). Returns the paths whose staged state changed.
   */
  async undo(id: string): Promise<string[]> {
    const target = await this.read(id);
    const applied = new Set(this.appliedSince(id).flatMap((r) => (r.from ? [r.path, r.from] : [r.path])));
    const touches = (rel: string, e: { from?: string }) => applied.has(rel) || (e.from !== undefined && applied.has(e.from));
    const changed = new Set<string>();
    for (const [rel, e] of [...this.store.entries]) {
      const want = target[rel];
      if (!touches(rel, e) && want && !touches(rel, want) && sameEntry(await this.describe(rel, e), want)) continue;
      await this.store.dropEntry(rel);
      changed.add(rel);
    }
    for (const [rel, want] of Object.entries(target)) {
      if (touches(rel, want) || this.store.entries.has(rel)) continue;
      await this.restore(rel, want);
      changed.add(rel);
    }
    return [...changed].sort();
  }

  /** Restages what checkpoint `id` had for these paths (after their applies were reverted). */
  async restorePaths(id: string, paths: ReadonlySet<string>): Promise<void> {
    const target = await this.read(id);
    for (const [rel, e] of [...this.store.entries]) if (paths.has(rel) || (e.from && paths.has(e.from))) await this.store.dropEntry(rel);
    for (const [rel, want] of Object.entries(target)) {
      if ((paths.has(rel) || (want.from && paths.has(want.from))) && !this.store.entries.has(rel)) await this.restore(rel, want);
    }
  }

  private async restore(rel: string, want: CheckpointEntry): Promise<void> {
    const base = want.base === null ? null : await this.store.putBase(await this.objects.read(want.base));
    this.store.entries.set(rel, { kind: want.kind, ...(want.from ? { from: want.from } : {}), base, ...extras(want) });
    if (want.content !== null) await this.store.writeLayer(rel, await this.objects.read(want.content));
  }

  private async describe(rel: string, e: Entry): Promise<CheckpointEntry> {
    let base: ObjectId | null = null;
    if (e.base !== null) {
      base = this.baseIds.get(e.base) ?? (await this.objects.put((await this.store.readBase(e.base))!));
      this.baseIds.set(e.base, base);
    }
    const content = isWritten(e) ? await this.objects.putFile(toAbsolute(this.store.layerDir, rel)) : null;
    return { kind: e.kind, ...(e.from ? { from: e.from } : {}), base, content, ...extras(e) };
  }
}

type Extras = Pick<CheckpointEntry, 'decided' | 'protected' | 'agents' | 'conflict'>;

function extras(e: Extras): Extras {
  return {
    ...(e.decided ? { decided: { ...e.decided } } : {}),
    ...(e.protected ? { protected: e.protected } : {}),
    ...(e.agents ? { agents: [...e.agents] } : {}),
    ...(e.conflict ? { conflict: { ...e.conflict, agents: [...e.conflict.agents] } } : {}),
  };
}

function sameEntry(a: CheckpointEntry, b: CheckpointEntry): boolean {
  const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
  return a.kind === b.kind && a.from === b.from && a.base === b.base && a.content === b.content && a.protected === b.protected && same(a.decided, b.decided) && same(a.agents, b.agents) && same(a.conflict, b.conflict);
}
