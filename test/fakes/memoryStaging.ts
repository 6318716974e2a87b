// In-memory FileView and StagingArea for tool tests. The staging fake layers staged
// writes/deletes over any base FileView (memory or disk) and, when given a layerDir,
// mirrors staged written files there as the real staging area does (search reads it).
// Review operations (apply/reject) are out of scope: they throw rather than pretend.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DirEntry, FileStat, FileView } from '../../src/core/workspace/types';
import type { ApplyOutcome, StageBatchResult, StagedChange, StagingArea } from '../../src/core/staging/types';
import { lineCounts } from '../../src/core/patch/index';

const enc = new TextEncoder();
const dec = new TextDecoder();
const bytes = (v: string | Uint8Array) => (typeof v === 'string' ? enc.encode(v) : v);
const under = (dir: string, p: string) => (dir === '' ? p : p.startsWith(dir + '/') ? p.slice(dir.length + 1) : undefined);
const norm = (p: string) => (p === '.' ? '' : p.replace(/^\.\//, '').replace(/\/+$/, ''));

/** Builds direntries of `dir` from a flat list of file paths. */
function entriesFrom(paths: Iterable<string>, dir: string): Map<string, DirEntry> {
  const out = new Map<string, DirEntry>();
  for (const p of paths) {
    const rest = under(dir, p);
    if (!rest) continue;
    const slash = rest.indexOf('/');
    if (slash < 0) out.set(rest, { name: rest, type: 'file' });
    else out.set(rest.slice(0, slash), { name: rest.slice(0, slash), type: 'directory' });
  }
  return out;
}

export function createMemoryView(files: Record<string, string | Uint8Array>, root = '/memory-workspace'): FileView {
  const map = new Map(Object.entries(files).map(([k, v]) => [k, bytes(v)]));
  return {
    root,
    async readFile(p) {
      return map.get(norm(p));
    },
    async stat(p): Promise<FileStat | undefined> {
      const path = norm(p);
      const f = map.get(path);
      if (f) return { type: 'file', size: f.length, mtimeMs: 0 };
      if (path === '' || [...map.keys()].some((k) => k.startsWith(path + '/'))) return { type: 'directory', size: 0, mtimeMs: 0 };
      return undefined;
    },
    async readDir(p) {
      return [...entriesFrom(map.keys(), norm(p)).values()].sort((a, b) => a.name.localeCompare(b.name));
    },
  };
}

export interface MemoryStaging extends StagingArea {
  /** Staged content as text (undefined when not staged; null when staged as deleted). */
  stagedText(path: string): string | null | undefined;
}

export function createMemoryStaging(base: FileView, options: { layerDir?: string } = {}): MemoryStaging {
  const staged = new Map<string, Uint8Array | null>();
  const renamedFrom = new Map<string, string>();
  const listeners = new Set<() => void>();
  const layerDir = options.layerDir ?? '/nonexistent-memory-layer';
  const changed = () => listeners.forEach((l) => l());

  async function mirror(path: string, content: Uint8Array | null) {
    if (!options.layerDir) return;
    const abs = join(options.layerDir, ...path.split('/'));
    if (content === null) await rm(abs, { force: true });
    else {
      await mkdir(dirname(abs), { recursive: true });
      await writeFile(abs, content);
    }
  }

  const area: MemoryStaging = {
    root: base.root,
    layerDir,
    async readFile(p) {
      const path = norm(p);
      if (staged.has(path)) return staged.get(path) ?? undefined;
      return base.readFile(path);
    },
    async stat(p) {
      const path = norm(p);
      if (staged.has(path)) {
        const c = staged.get(path);
        return c ? { type: 'file', size: c.length, mtimeMs: 0 } : undefined;
      }
      const s = await base.stat(path);
      if (s) return s;
      const written = [...staged].filter(([, c]) => c !== null).map(([k]) => k);
      return written.some((k) => under(path, k)) ? { type: 'directory', size: 0, mtimeMs: 0 } : undefined;
    },
    async readDir(p) {
      const dir = norm(p);
      const out = new Map((await base.readDir(dir)).map((e) => [e.name, e]));
      for (const [path, c] of staged) {
        const rest = under(dir, path);
        if (!rest || rest.includes('/')) continue;
        if (c === null) out.delete(rest);
      }
      const written = [...staged].filter(([, c]) => c !== null).map(([k]) => k);
      for (const [name, e] of entriesFrom(written, dir)) if (!out.has(name)) out.set(name, e);
      return [...out.values()].sort((a, b) => a.name.localeCompare(b.name));
    },
    async stagedPaths() {
      return [...staged].map(([path, c]) => ({ path, deleted: c === null }));
    },
    async writeFile(path, content) {
      staged.set(path, content);
      await mirror(path, content);
      changed();
    },
    async deleteFile(path) {
      staged.set(path, null);
      renamedFrom.delete(path);
      await mirror(path, null);
      changed();
    },
    async rename(from, to, content) {
      const c = content ?? (await area.readFile(from));
      if (!c) throw new Error(`memory staging: cannot rename missing ${from}`);
      staged.set(from, null);
      staged.set(to, c);
      renamedFrom.set(to, renamedFrom.get(from) ?? from);
      await mirror(from, null);
      await mirror(to, c);
      changed();
    },
    async stageBatch(ops) {
      const result: StageBatchResult = { changed: [], failed: [], stopped: false };
      for (const op of ops) {
        if (op.type === 'copy') await area.writeFile(op.path, new Uint8Array(await readFile(op.source)));
        else if (op.type === 'delete') await area.deleteFile(op.path);
        else await area.rename(op.from, op.to, op.source === undefined ? undefined : new Uint8Array(await readFile(op.source)));
        result.changed.push(...(op.type === 'rename' ? [op.from, op.to] : [op.path]));
      }
      return result;
    },
    async changes(): Promise<StagedChange[]> {
      const out: StagedChange[] = [];
      const consumed = new Set(renamedFrom.values());
      for (const [path, c] of staged) {
        if (c === null && consumed.has(path)) continue;
        const from = renamedFrom.get(path);
        const before = await base.readFile(from ?? path);
        const counts = lineCounts(before && dec.decode(before), c ? dec.decode(c) : undefined);
        const kind = from ? 'rename' : c === null ? 'delete' : before ? 'modify' : 'add';
        out.push({ path, kind, ...(from ? { from } : {}), binary: false, ...counts, hunks: [], stale: false });
      }
      return out;
    },
    stagedText(path) {
      if (!staged.has(path)) return undefined;
      const c = staged.get(path);
      return c ? dec.decode(c) : null;
    },
    async apply(): Promise<ApplyOutcome> {
      throw new Error('memory staging: apply is not supported by this fake');
    },
    async reject(): Promise<ApplyOutcome> {
      throw new Error('memory staging: reject is not supported by this fake');
    },
    async applyAll(): Promise<ApplyOutcome[]> {
      throw new Error('memory staging: applyAll is not supported by this fake');
    },
    async discardAll(): Promise<ApplyOutcome[]> {
      throw new Error('memory staging: discardAll is not supported by this fake');
    },
    takeDecisions() {
      return [];
    },
    onDidChange(listener) {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
  };
  return area;
}
