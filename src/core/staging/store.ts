// Disk layout of a staging area (one per session, so a resumed session finds it):
//   dir/manifest.json   entries + undelivered decisions (+ checkpoint ids and the apply
//                       journal, see checkpoints.ts), written atomically
//   dir/layer/<path>    staged contents of written files, and nothing else (the
//                       sandbox overlays this directory on the workspace)
//   dir/base/<id>       workspace content each entry was computed against
//   dir/tmp/            scratch for atomic writes (same filesystem as layer/ and base/)
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import * as path from 'node:path';
import type { FileChangeKind } from '../types/items';
import type { FileStat } from '../workspace/types';
import { childPath, parentPath, toAbsolute } from '../util/paths';
import { readFileOrUndefined } from '../util/fs';

export interface Entry {
  kind: FileChangeKind;
  /** Renames: the workspace path the file had. */
  from?: string;
  /** Id of the base file under dir/base; null when the file did not exist (adds). */
  base: string | null;
  /**
   * Hunks of this change the user already applied or rejected one by one (the entry
   * stays staged after a partial decision), so later decisions on the same entry are
   * reported as "the remaining" hunks, never as the whole file.
   */
  decided?: { applied: number; rejected: number };
  /** Why the path is protected, found by the staging area's check when it was staged. */
  protected?: string;
  /**
   * Who staged this change, in the order they first touched it: the area's owner
   * ('main' for a session's own agent) or the subagents whose work was merged in
   * (branch.ts). Absent in manifests written before attribution existed.
   */
  agents?: string[];
  /** A subagent's merge overlapped this change (branch.ts): see StagedConflict. */
  conflict?: EntryConflict;
}

/**
 * 'markers': the staged text holds both versions between conflict markers (shown while
 * they remain); 'kept': the other side could not be merged as text (a deletion, a binary
 * file) and this entry kept its own version (shown until the entry is applied, rejected
 * or rewritten).
 */
export interface EntryConflict {
  kind: 'markers' | 'kept';
  agents: string[];
  detail: string;
}

interface Manifest {
  version: 1;
  entries: Record<string, Entry>;
  decisions: string[];
  /** Checkpoint ids, oldest first (optional: older manifests have none). */
  checkpoints?: string[];
  /** What apply wrote to the workspace, oldest first (optional, see checkpoints.ts). */
  applied?: AppliedRecord[];
}

/**
 * One file written to the workspace by apply, for "revert applied changes": contents
 * by object hash (objects.ts), null where the file did not exist.
 */
export interface AppliedRecord {
  /** The newest checkpoint when it was applied (null: none yet). */
  checkpoint: string | null;
  /** Workspace path after the apply; `from` is where a renamed file was. */
  path: string;
  from?: string;
  kind: FileChangeKind;
  before: string | null;
  after: string | null;
  /** Written back by a revert. */
  reverted?: boolean;
}

/** Entry kinds whose content lives in the layer. */
export function isWritten(e: Entry): boolean {
  return e.kind !== 'delete';
}

/**
 * The entries, with the sources of renames indexed as they change: every read of the
 * staged view asks whether a path is a rename's source, so a scan of all entries there
 * made staging N files cost N x staged entries.
 */
export class EntryMap extends Map<string, Entry> {
  private readonly sources = new Map<string, string>();

  override set(key: string, value: Entry): this {
    this.unindex(key);
    super.set(key, value);
    if (value.kind === 'rename' && value.from !== undefined) this.sources.set(value.from, key);
    return this;
  }

  override delete(key: string): boolean {
    this.unindex(key);
    return super.delete(key);
  }

  override clear(): void {
    this.sources.clear();
    super.clear();
  }

  /** The path renamed from `from`, if a staged rename has it as its source. */
  renameTarget(from: string): string | undefined {
    return this.sources.get(from);
  }

  private unindex(key: string): void {
    const old = super.get(key);
    if (old?.kind === 'rename' && old.from !== undefined && this.sources.get(old.from) === key) this.sources.delete(old.from);
  }
}

/** Copies above this size stream (abortable) instead of a single copyFile call. */
const STREAM_COPY_BYTES = 32 * 1024 * 1024;

export class StagingStore {
  readonly layerDir: string;
  private readonly baseDir: string;
  private readonly tmpDir: string;
  private readonly manifestPath: string;
  readonly entries = new EntryMap();
  decisions: string[] = [];
  checkpoints: string[] = [];
  applied: AppliedRecord[] = [];

  private constructor(readonly dir: string) {
    this.layerDir = path.join(dir, 'layer');
    this.baseDir = path.join(dir, 'base');
    this.tmpDir = path.join(dir, 'tmp');
    this.manifestPath = path.join(dir, 'manifest.json');
  }

  /**
   * Opens (or creates) the store and reconciles it after a crash: written entries whose
   * layer file is missing are dropped, unreferenced base files are deleted, and layer
   * files the manifest does not know are returned as orphans for the caller to re-stage
   * (they are removed from the layer so it stays an exact mirror of the manifest).
   */
  static async open(dir: string): Promise<{ store: StagingStore; orphans: { path: string; content: Uint8Array }[] }> {
    const store = new StagingStore(path.resolve(dir));
    await fs.mkdir(store.layerDir, { recursive: true });
    await fs.mkdir(store.baseDir, { recursive: true });
    await fs.rm(store.tmpDir, { recursive: true, force: true });
    await fs.mkdir(store.tmpDir, { recursive: true });
    await store.load();
    const orphans: { path: string; content: Uint8Array }[] = [];
    const seen = new Set<string>();
    for (const rel of await listFiles(store.layerDir, '')) {
      const entry = store.entries.get(rel);
      if (entry && isWritten(entry)) {
        seen.add(rel);
        continue;
      }
      orphans.push({ path: rel, content: new Uint8Array(await fs.readFile(toAbsolute(store.layerDir, rel))) });
      await store.removeLayer(rel);
    }
    for (const [rel, entry] of [...store.entries]) {
      if (isWritten(entry) && !seen.has(rel)) store.entries.delete(rel);
    }
    const used = new Set([...store.entries.values()].map((e) => e.base));
    for (const name of await fs.readdir(store.baseDir)) {
      if (!used.has(name)) await fs.rm(path.join(store.baseDir, name), { force: true });
    }
    await store.save();
    return { store, orphans };
  }

  private async load(): Promise<void> {
    let raw: string;
    try {
      raw = await fs.readFile(this.manifestPath, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    let parsed: Manifest;
    try {
      parsed = JSON.parse(raw) as Manifest;
    } catch {
      throw new Error(`The staging manifest ${this.manifestPath} is corrupt; move it away to start with an empty staging area.`);
    }
    if (parsed.version !== 1) throw new Error(`Unsupported staging manifest version ${String(parsed.version)}.`);
    this.entries.clear();
    for (const [k, v] of Object.entries(parsed.entries ?? {})) this.entries.set(k, v);
    this.decisions = Array.isArray(parsed.decisions) ? parsed.decisions : [];
    this.checkpoints = Array.isArray(parsed.checkpoints) ? parsed.checkpoints : [];
    this.applied = Array.isArray(parsed.applied) ? parsed.applied : [];
  }

  async save(): Promise<void> {
    const manifest: Manifest = {
      version: 1,
      entries: Object.fromEntries([...this.entries].sort(([a], [b]) => (a < b ? -1 : 1))),
      decisions: this.decisions,
      ...(this.checkpoints.length ? { checkpoints: this.checkpoints } : {}),
      ...(this.applied.length ? { applied: this.applied } : {}),
    };
    await this.atomicPut(this.manifestPath, new TextEncoder().encode(JSON.stringify(manifest, null, 1)));
  }

  private async atomicPut(target: string, content: Uint8Array): Promise<void> {
    const tmp = path.join(this.tmpDir, randomUUID());
    try {
      await fs.writeFile(tmp, content);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      await fs.mkdir(this.tmpDir, { recursive: true }); // removed under us (another open): recreate
      await fs.writeFile(tmp, content);
    }
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.rename(tmp, target);
  }

  readLayer(rel: string): Promise<Uint8Array | undefined> {
    return readFileOrUndefined(toAbsolute(this.layerDir, rel));
  }

  async statLayer(rel: string): Promise<FileStat | undefined> {
    const s = await fs.lstat(toAbsolute(this.layerDir, rel)).catch(() => undefined);
    if (!s) return undefined;
    return { type: s.isDirectory() ? 'directory' : 'file', size: s.size, mtimeMs: s.mtimeMs };
  }

  /** Layer entries of a directory: files are staged writes, directories hold some. */
  async readLayerDir(rel: string): Promise<{ name: string; type: 'file' | 'directory' }[]> {
    const dirents = await fs.readdir(toAbsolute(this.layerDir, rel), { withFileTypes: true }).catch(() => []);
    return dirents.map((d) => ({ name: d.name, type: d.isDirectory() ? ('directory' as const) : ('file' as const) }));
  }

  async writeLayer(rel: string, content: Uint8Array): Promise<void> {
    await this.atomicPut(toAbsolute(this.layerDir, rel), content);
  }

  /** Copies the file at `source` (`size` bytes) into the layer at `rel`, atomically. */
  async copyToLayer(rel: string, source: string, size: number, signal?: AbortSignal): Promise<void> {
    const tmp = path.join(this.tmpDir, randomUUID());
    const copy = () => (size > STREAM_COPY_BYTES ? pipeline(createReadStream(source), createWriteStream(tmp), { signal }) : fs.copyFile(source, tmp));
    try {
      await copy().catch(async (err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT' || !(await fs.stat(source).catch(() => undefined))) throw err;
        await fs.mkdir(this.tmpDir, { recursive: true }); // removed under us (another open): recreate
        await copy();
      });
      const target = toAbsolute(this.layerDir, rel);
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.rename(tmp, target);
    } catch (err) {
      await fs.rm(tmp, { force: true });
      throw err;
    }
  }

  /** Removes a layer file and any directories it leaves empty (the layer mirrors files only). */
  async removeLayer(rel: string): Promise<void> {
    await fs.rm(toAbsolute(this.layerDir, rel), { force: true });
    for (let dir = parentPath(rel); dir !== ''; dir = parentPath(dir)) {
      try {
        await fs.rmdir(toAbsolute(this.layerDir, dir));
      } catch {
        return; // not empty (or already gone): ancestors are not empty either
      }
    }
  }

  /** Stores a base snapshot; returns its id (null for "did not exist"). */
  async putBase(content: Uint8Array | undefined): Promise<string | null> {
    if (content === undefined) return null;
    const id = randomUUID();
    await this.atomicPut(path.join(this.baseDir, id), content);
    return id;
  }

  async readBase(id: string | null): Promise<Uint8Array | undefined> {
    if (id === null) return undefined;
    return new Uint8Array(await fs.readFile(path.join(this.baseDir, id)));
  }

  async dropBase(id: string | null): Promise<void> {
    if (id !== null) await fs.rm(path.join(this.baseDir, id), { force: true });
  }

  /** Removes an entry with its layer file and base snapshot. */
  async dropEntry(rel: string): Promise<void> {
    const e = this.entries.get(rel);
    if (!e) return;
    this.entries.delete(rel);
    if (isWritten(e)) await this.removeLayer(rel);
    await this.dropBase(e.base);
  }

  /** The entry whose rename source is `rel`, if any. */
  renameFrom(rel: string): [string, Entry] | undefined {
    const to = this.entries.renameTarget(rel);
    const e = to === undefined ? undefined : this.entries.get(to);
    return e ? [to!, e] : undefined;
  }
}

/** Regular files under dir, as workspace-style paths; non-files are removed. */
async function listFiles(root: string, rel: string): Promise<string[]> {
  const out: string[] = [];
  const dirents = await fs.readdir(toAbsolute(root, rel), { withFileTypes: true });
  for (const d of dirents) {
    const child = childPath(rel, d.name);
    if (d.isDirectory()) {
      out.push(...(await listFiles(root, child)));
      await fs.rmdir(toAbsolute(root, child)).catch(() => undefined); // prune if empty
    } else if (d.isFile()) {
      out.push(child);
    } else {
      await fs.rm(toAbsolute(root, child), { force: true });
    }
  }
  return out;
}
