// createStagingArea: the disk-backed StagingArea (see types.ts for the contract and
// store.ts for the layout). Mutations are serialised; each one persists the manifest
// before resolving and then notifies onDidChange listeners.
import { join as joinPath } from 'node:path';
import type { DirEntry, FileStat, Workspace } from '../workspace/types';
import { ancestors, childPath, normalizeFilePath, normalizeRelativePath } from '../util/paths';
import { StagingProtection } from './protect';
import { memoWorkspace, runBatch } from './batch';
import type { ApplyAllOptions, ApplyOutcome, RevertOutcome, StageBatchResult, StagedChange, StageOp, StagingArea, StagingBranch, UndoResult } from './types';
import { isWritten, StagingStore, type Entry } from './store';
import { conformEol, notFound, stageCopy, stageDelete, stageRename, stageWrite, type MutationContext } from './mutations';
import { applyEntry, fileState, rejectEntry, toStagedChange, type Decided } from './applyReject';
import { ContentStore } from '../util/contentStore';
import { Checkpoints } from './checkpoints';
import { revertRecords } from './revert';
import { revertedSentence, undoneSentence } from './decisions';
import { openBranch } from './branch';

export interface StagingOptions {
  /**
   * Globs added to the built-in protected paths (src/core/policy/protection.ts), which
   * every staging operation checks whatever the route; the same list the guard gets.
   */
  protectedPatterns?: readonly string[];
  /** A host's own rule on top: says why a path is protected, or undefined. */
  isProtected?: (path: string) => string | undefined;
  /** Whom this area's own writes are attributed to (StagedChange.agents); default 'main'. */
  owner?: string;
}

export async function createStagingArea(workspace: Workspace, dir: string, options: StagingOptions = {}): Promise<StagingArea> {
  return (await openArea(workspace, dir, options)).area;
}

async function openArea(workspace: Workspace, dir: string, options: StagingOptions): Promise<{ area: DiskStagingArea; store: StagingStore }> {
  const { store, orphans } = await StagingStore.open(dir);
  const area = new DiskStagingArea(workspace, store, options);
  // Layer files without a manifest entry (a crash between the two writes) are staged
  // again rather than lost.
  for (const o of orphans) {
    try {
      await area.protection.check(normalizeFilePath(o.path));
      await stageWrite({ store, workspace, author: [options.owner ?? 'main'] }, normalizeFilePath(o.path), o.content);
    } catch {
      // A path that is no longer valid (now outside the workspace, say) is dropped.
    }
  }
  if (orphans.length) await store.save();
  return { area, store };
}

/** Apply deletions first (a file may give way to a folder), then renames, then writes. */
const APPLY_ORDER: Record<Entry['kind'], number> = { delete: 0, rename: 1, modify: 2, add: 3 };

class DiskStagingArea implements StagingArea {
  readonly root: string;
  readonly layerDir: string;
  private readonly listeners = new Set<() => void>();
  private queue: Promise<unknown> = Promise.resolve();
  /** The workspace (a memoising view of it during a batch, see batch.ts). */
  private workspace: Workspace;
  private ctx: MutationContext;
  /** During a batch: folders already known not to be files in the staged view. */
  private okDirs?: Set<string>;
  /** The protected-path check: every route that stages a file comes through it. */
  readonly protection: StagingProtection;
  private readonly objects: ContentStore;
  private readonly checkpoints: Checkpoints;

  constructor(
    /** The workspace itself, whatever `workspace` is during a batch. */
    private readonly plainWorkspace: Workspace,
    private readonly store: StagingStore,
    private readonly options: StagingOptions,
  ) {
    const workspace = plainWorkspace;
    this.workspace = workspace;
    this.root = workspace.root;
    this.layerDir = store.layerDir;
    this.ctx = { store, workspace };
    this.owner = [options.owner ?? 'main'];
    this.protection = new StagingProtection(workspace.root, options.protectedPatterns, options.isProtected);
    this.objects = new ContentStore(joinPath(store.dir, 'objects'));
    this.checkpoints = new Checkpoints(store, this.objects);
  }

  /** Attribution of this area's own writes. */
  private readonly owner: string[];

  // ---- the staged view -------------------------------------------------------------

  /** A staged deletion, or the source of a staged rename. */
  private hidden(rel: string): boolean {
    const e = this.store.entries.get(rel);
    return e ? !isWritten(e) : this.store.renameFrom(rel) !== undefined;
  }

  async readFile(path: string): Promise<Uint8Array | undefined> {
    const rel = normalizeRelativePath(path);
    if (rel === '') return undefined;
    const e = this.store.entries.get(rel);
    if (e) return isWritten(e) ? this.store.readLayer(rel) : undefined;
    if (this.hidden(rel)) return undefined;
    return this.workspace.readFile(rel);
  }

  async stat(path: string): Promise<FileStat | undefined> {
    const rel = normalizeRelativePath(path);
    if (rel !== '') {
      const e = this.store.entries.get(rel);
      if (e) return isWritten(e) ? this.store.statLayer(rel) : undefined;
      if (this.hidden(rel)) return undefined;
    }
    // A folder that only exists because staged files were added under it lives in the layer.
    return (await this.workspace.stat(rel)) ?? (await this.store.statLayer(rel));
  }

  async readDir(path: string): Promise<DirEntry[]> {
    const rel = normalizeRelativePath(path);
    if (rel !== '' && this.hidden(rel)) return [];
    const byName = new Map<string, DirEntry['type']>();
    for (const d of await this.workspace.readDir(rel)) {
      if (!this.hidden(childPath(rel, d.name))) byName.set(d.name, d.type);
    }
    for (const d of await this.store.readLayerDir(rel)) byName.set(d.name, d.type);
    return [...byName]
      .map(([name, type]) => ({ name, type }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  // ---- staging -----------------------------------------------------------------------

  async stagedPaths(): Promise<{ path: string; deleted: boolean }[]> {
    const out: { path: string; deleted: boolean }[] = [];
    for (const [path, e] of this.store.entries) {
      out.push({ path, deleted: !isWritten(e) });
      if (e.kind === 'rename' && !this.store.entries.has(e.from!)) out.push({ path: e.from!, deleted: true });
    }
    return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /** Refuses targets that are folders in the staged view or sit under a file. */
  private async assertCanCreate(rel: string): Promise<void> {
    await this.workspace.stat(rel); // throws PathOutsideWorkspaceError for escapes
    if ((await this.stat(rel))?.type === 'directory') throw new Error(`${rel} is a folder, not a file.`);
    for (const a of ancestors(rel)) {
      if (this.okDirs?.has(a)) break; // and so are its own ancestors
      if ((await this.stat(a))?.type === 'file') throw new Error(`Cannot create ${rel}: ${a} is a file.`);
      this.okDirs?.add(a);
    }
  }

  async writeFile(path: string, content: Uint8Array): Promise<void> {
    const rel = normalizeFilePath(path);
    return this.mutate(() => this.writeNow(rel, content, this.owner));
  }

  async deleteFile(path: string): Promise<void> {
    const rel = normalizeFilePath(path);
    return this.mutate(() => this.deleteNow(rel, this.owner));
  }

  async rename(from: string, to: string, content?: Uint8Array): Promise<void> {
    const src = normalizeFilePath(from);
    const dst = normalizeFilePath(to);
    if (src === dst) return content ? this.writeFile(dst, content) : Promise.resolve();
    return this.mutate(() => this.renameNow(src, dst, content, true, this.owner));
  }

  stageBatch(ops: readonly StageOp[], options: { signal?: AbortSignal } = {}): Promise<StageBatchResult> {
    return this.mutate(async () => {
      // Within the batch nothing writes the workspace, and a folder never becomes a file:
      // remember what was looked up once (linear time for many files in few folders).
      const plain = this.workspace;
      this.workspace = memoWorkspace(plain);
      this.ctx = { store: this.store, workspace: this.workspace };
      this.okDirs = new Set();
      this.protection.remember(true);
      try {
        return await runBatch(ops, options.signal, {
          copy: (rel, source, size, signal) => this.copyNow(rel, source, size, signal),
          delete: (rel) => this.deleteNow(rel, this.owner),
          rename: (src, dst, content) => this.renameNow(src, dst, content, false, this.owner),
        });
      } finally {
        this.workspace = plain;
        this.ctx = { store: this.store, workspace: plain };
        this.okDirs = undefined;
        this.protection.remember(false);
      }
    });
  }

  branch(options: { dir: string; agent: string }): Promise<StagingBranch> {
    // A child's merge comes through the same operations as the area's own writes, so its
    // changes get the same protected-path check and label (held back by applyAll).
    return openBranch(
      {
        workspace: this.plainWorkspace,
        store: this.store,
        view: this,
        locked: (fn) => this.mutate(fn),
        write: (rel, content, author) => this.writeNow(rel, content, author),
        remove: (rel, author) => this.deleteNow(rel, author),
        rename: (from, to, content, author) => this.renameNow(from, to, content, true, author),
        open: (dir, owner) => openArea(this.plainWorkspace, dir, { ...this.options, owner }),
        openStore: async (dir) => (await StagingStore.open(dir)).store,
      },
      options.dir,
      options.agent,
    );
  }

  // The operations themselves, run under the lock (mutate, stageBatch or a branch's
  // merge). `author`: whom the entries are attributed to (this area's owner, or the
  // subagent whose branch merges in).

  private async writeNow(rel: string, content: Uint8Array, author: readonly string[]): Promise<void> {
    const label = await this.protection.check(rel);
    await this.assertCanCreate(rel);
    await stageWrite({ ...this.ctx, author }, rel, content);
    this.protection.flag(this.store, rel, label);
  }

  private async copyNow(rel: string, source: string, size: number, signal?: AbortSignal): Promise<boolean> {
    const label = await this.protection.check(rel);
    await this.assertCanCreate(rel);
    const changed = await stageCopy({ ...this.ctx, author: this.owner }, rel, source, size, signal);
    this.protection.flag(this.store, rel, label);
    return changed;
  }

  private async deleteNow(rel: string, author: readonly string[]): Promise<void> {
    const label = await this.protection.check(rel);
    await stageDelete({ ...this.ctx, author }, rel, await this.workspace.stat(rel)); // the stat is also the path check
    this.protection.flag(this.store, rel, label);
  }

  /** `conform`: give new content the line endings of the file it replaces (tools, not commands). */
  private async renameNow(src: string, dst: string, content: Uint8Array | undefined, conform: boolean, author: readonly string[]): Promise<void> {
    const label = (await this.protection.check(dst)) ?? (await this.protection.check(src));
    await this.workspace.stat(src);
    const current = await this.readFile(src);
    if (current === undefined) throw notFound(src);
    if (await this.stat(dst)) throw new Error(`Cannot rename ${src} to ${dst}: ${dst} already exists.`);
    await this.assertCanCreate(dst);
    await stageRename({ ...this.ctx, author }, src, dst, content ? (conform ? conformEol(content, current) : content) : current);
    this.protection.flag(this.store, dst, label);
  }

  // ---- review ------------------------------------------------------------------------

  changes(paths?: readonly string[]): Promise<StagedChange[]> {
    const wanted = paths && new Set(paths);
    return this.exclusive(async () => {
      const out: StagedChange[] = [];
      for (const [path, entry] of [...this.store.entries].sort(([a], [b]) => (a < b ? -1 : 1))) {
        if (wanted && !wanted.has(path) && !(entry.from !== undefined && wanted.has(entry.from))) continue;
        out.push(toStagedChange(await fileState(this.ctx, path, entry), this.protection.labelOf(path, entry)));
      }
      return out;
    });
  }

  async apply(path: string, hunkIds?: string[]): Promise<ApplyOutcome> {
    const rel = normalizeFilePath(path);
    return this.mutate(() => this.applyJournaled(rel, hunkIds));
  }

  async reject(path: string, hunkIds?: string[], reason?: string): Promise<ApplyOutcome> {
    const rel = normalizeFilePath(path);
    return this.mutate(async () => this.record(await rejectEntry(this.ctx, rel, hunkIds, reason)));
  }

  applyAll(options: ApplyAllOptions = {}): Promise<ApplyOutcome[]> {
    const confirmed = new Set((options.protected ?? []).map((p) => normalizeRelativePath(p)));
    return this.mutate(async () => {
      const entries = [...this.store.entries].sort(([a, x], [b, y]) => APPLY_ORDER[x.kind] - APPLY_ORDER[y.kind] || (a < b ? -1 : 1));
      const out: ApplyOutcome[] = [];
      for (const [p, entry] of entries) {
        const label = this.protection.labelOf(p, entry);
        if (label && !confirmed.has(p)) {
          out.push({ path: p, status: 'held', reason: label });
          continue;
        }
        try {
          out.push(await this.applyJournaled(p));
        } catch (err) {
          // One unwritable file must not stop the others; it stays staged.
          const detail = `could not write it: ${err instanceof Error ? err.message : String(err)}`;
          out.push(this.record({ outcome: { path: p, status: 'conflict', detail }, sentence: `${p} not applied: ${detail}` }));
        }
      }
      return out;
    });
  }

  discardAll(): Promise<ApplyOutcome[]> {
    return this.mutate(async () => {
      const out: ApplyOutcome[] = [];
      for (const p of [...this.store.entries.keys()].sort()) out.push(this.record(await rejectEntry(this.ctx, p)));
      return out;
    });
  }

  takeDecisions(): string[] {
    const taken = this.store.decisions;
    if (taken.length === 0) return [];
    this.store.decisions = [];
    void this.exclusive(() => this.store.save()).catch(() => undefined);
    return taken;
  }

  noteDecision(sentence: string): Promise<void> {
    return this.exclusive(async () => {
      this.store.decisions.push(sentence);
      await this.store.save();
    });
  }

  // ---- checkpoints and undo (checkpoints.ts, revert.ts) ----------------------------------

  checkpoint(id: string): Promise<void> {
    return this.exclusive(async () => {
      await this.checkpoints.take(id);
      await this.store.save();
    });
  }

  undo(id: string, label = `turn ${id}`): Promise<UndoResult> {
    return this.mutate(async () => {
      const restored = await this.checkpoints.undo(id);
      const applied = [...new Set(this.checkpoints.appliedSince(id).map((r) => r.path))].sort();
      this.store.decisions.push(undoneSentence(label, restored, applied));
      return { restored, applied };
    });
  }

  revertApplied(id: string, label = `turn ${id}`): Promise<RevertOutcome[]> {
    return this.mutate(async () => {
      if (!this.checkpoints.has(id)) await this.checkpoints.read(id); // throws the clear error
      const records = this.checkpoints.appliedSince(id);
      const outcomes = await revertRecords(this.ctx, this.objects, records);
      const reverted = new Set(records.filter((r) => r.reverted).flatMap((r) => (r.from ? [r.path, r.from] : [r.path])));
      if (reverted.size) await this.checkpoints.restorePaths(id, reverted);
      this.store.decisions.push(revertedSentence(label, outcomes));
      return outcomes;
    });
  }

  appliedSince(id: string): string[] {
    return [...new Set(this.checkpoints.appliedSince(id).map((r) => r.path))].sort();
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  // ---- plumbing ----------------------------------------------------------------------

  private record(d: Decided): ApplyOutcome {
    this.store.decisions.push(d.sentence);
    return d.outcome;
  }

  /** Applies and journals what was written to the workspace (for revertApplied). */
  private async applyJournaled(rel: string, hunkIds?: string[]): Promise<ApplyOutcome> {
    const entry = this.store.entries.get(rel);
    const decided = await applyEntry(this.ctx, rel, hunkIds);
    if (entry && decided.written) await this.checkpoints.journal(rel, { ...entry }, decided.written);
    return this.record(decided);
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Runs fn exclusively, persists the manifest (also after a failure) and notifies. */
  private async mutate<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await this.exclusive(async () => {
        try {
          return await fn();
        } finally {
          await this.store.save();
        }
      });
    } finally {
      for (const l of [...this.listeners]) {
        try {
          l();
        } catch {
          // A failing listener must not break staging.
        }
      }
    }
  }
}

// Re-exported for hosts that apply through their own editor API.
export { computeLineEdits, type LineEdit } from './textEdits';
