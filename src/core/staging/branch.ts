// A subagent's staging branch. Layout under the branch's dir:
//   fork/   the child's own staging store: at branch time a copy of the parent's (same
//           entries, layer and bases; pending decisions dropped), then the child's
//           writes. Its layer is the child's whole staged view, so the sandbox and
//           search work over it unchanged.
//   basis/  the branch point: a frozen copy of the parent's staged files at branch time,
//           moved forward to the child's version of a file each time it is merged.
// The branch point of a path is basis's entry when it has one; otherwise the file was
// not staged at branch time and its branch point is the workspace content the child
// computed its change against (the fork entry's base).
//
// merge() runs under the parent's lock. Per path the child changed (C differs from the
// branch point B), with P the parent's staged view now:
//   P = B: the child's version is staged (clean); P = C: nothing to do;
//   all text: three-way merge of P and C against B; overlaps become conflict markers;
//   otherwise (a deletion, a binary file): the parent's version stays and the entry is
//   flagged, or, when the parent has no entry (the user changed the file), the child's
//   version is staged against B so applying it reports the conflict.
// Nothing is overwritten or dropped: every overlap is in the report and on the entry.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { FileChangeKind, FileChangeSummary } from '../types/items';
import type { FileView, Workspace } from '../workspace/types';
import { asText, bytesEqual, encodeUtf8 } from '../util/text';
import type { BranchMergeReport, StagingArea, StagingBranch } from './types';
import { isWritten, type Entry, type StagingStore } from './store';
import { computeHunks, countChanges, describeLines, merge3, publicHunk } from './hunks';
import { mergeWithMarkers } from './conflictMarkers';

/** What the parent area lends its branches (all calls run inside `locked`). */
export interface BranchHost {
  workspace: Workspace;
  store: StagingStore;
  /** The parent's staged view (unlocked reads). */
  view: FileView;
  /** Runs fn under the parent's mutation lock, then persists and notifies. */
  locked<T>(fn: () => Promise<T>): Promise<T>;
  /** Unlocked staging mutations of the parent, recording `author` on the entries. */
  write(rel: string, content: Uint8Array, author: string[]): Promise<void>;
  remove(rel: string, author: string[]): Promise<void>;
  rename(from: string, to: string, content: Uint8Array, author: string[]): Promise<void>;
  /** Opens a store directory as a staging area over the parent's workspace. */
  open(dir: string, owner: string): Promise<{ area: StagingArea; store: StagingStore }>;
  openStore(dir: string): Promise<StagingStore>;
}

interface PathDiff {
  path: string;
  before: Uint8Array | undefined;
  after: Uint8Array | undefined;
}

/** Creates (or, when `dir` already holds one, reopens) the branch. */
export async function openBranch(host: BranchHost, dir: string, agent: string): Promise<StagingBranch> {
  const forkDir = path.join(dir, 'fork');
  const basisDir = path.join(dir, 'basis');
  const exists = await fs.stat(path.join(forkDir, 'manifest.json')).then(() => true, () => false);
  if (!exists) {
    // one consistent instant of the parent: nothing it stages meanwhile is half-copied
    await host.locked(async () => {
      await fs.rm(dir, { recursive: true, force: true });
      await copyStore(host.store.dir, basisDir);
      await copyStore(host.store.dir, forkDir);
    });
  }
  const fork = await host.open(forkDir, agent);
  const basis = await host.openStore(basisDir);
  return new Branch(host, agent, fork.area, fork.store, basis, dir);
}

async function copyStore(from: string, to: string): Promise<void> {
  await fs.mkdir(to, { recursive: true });
  for (const sub of ['layer', 'base']) {
    await fs.cp(path.join(from, sub), path.join(to, sub), { recursive: true, force: true }).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
  }
  const manifest = JSON.parse(await fs.readFile(path.join(from, 'manifest.json'), 'utf8').catch(() => '{"version":1,"entries":{}}'));
  manifest.decisions = []; // the parent's pending review notes are the parent's
  // and so are its turn checkpoints and apply journal (undo and revert are the parent's)
  delete manifest.checkpoints;
  delete manifest.applied;
  // and so are the user's partial decisions (the `protected` labels stay: same paths)
  for (const e of Object.values(manifest.entries ?? {}) as { decided?: unknown }[]) delete e.decided;
  await fs.writeFile(path.join(to, 'manifest.json'), JSON.stringify(manifest));
}

const textOf = (b: Uint8Array | undefined) => (b === undefined ? '' : asText(b));

/** The child's diff of one path as a summary line. */
function summarize(d: PathDiff, kind: FileChangeKind, from?: string): FileChangeSummary {
  const [a, b] = [textOf(d.before), textOf(d.after)];
  const counts = a === undefined || b === undefined ? { added: 0, removed: 0 } : countChanges(computeHunks(a, b).map(publicHunk));
  return { path: d.path, kind, ...(from ? { from } : {}), ...counts };
}

const kindOf = (d: PathDiff): FileChangeKind => (d.before === undefined ? 'add' : d.after === undefined ? 'delete' : 'modify');

class Branch implements StagingBranch {
  constructor(
    private readonly host: BranchHost,
    readonly agent: string,
    readonly staging: StagingArea,
    private readonly fork: StagingStore,
    private readonly basis: StagingStore,
    private readonly dir: string,
  ) {}

  /** The branch point's content of `rel` (see the header). */
  private async branchPoint(rel: string): Promise<Uint8Array | undefined> {
    const b = this.basis.entries.get(rel);
    if (b) return isWritten(b) ? this.basis.readLayer(rel) : undefined;
    if (this.basis.renameFrom(rel)) return undefined;
    const own = this.fork.entries.get(rel);
    if (own) return own.kind === 'add' || own.kind === 'rename' ? undefined : this.fork.readBase(own.base);
    const renamed = this.fork.renameFrom(rel);
    if (renamed) return this.fork.readBase(renamed[1].base);
    return this.host.workspace.readFile(rel);
  }

  private async diffs(): Promise<PathDiff[]> {
    const paths = new Set<string>((await this.staging.stagedPaths()).map((p) => p.path));
    for (const [rel, e] of this.basis.entries) {
      paths.add(rel);
      if (e.from) paths.add(e.from);
    }
    const out: PathDiff[] = [];
    for (const rel of [...paths].sort()) {
      const [before, after] = await Promise.all([this.branchPoint(rel), this.staging.readFile(rel)]);
      if (!bytesEqual(before, after)) out.push({ path: rel, before, after });
    }
    return out;
  }

  /** Renames the child staged whose both ends changed: target -> source. */
  private renames(diffs: PathDiff[]): Map<string, string> {
    const changed = new Set(diffs.map((d) => d.path));
    const out = new Map<string, string>();
    for (const [to, e] of this.fork.entries) if (e.kind === 'rename' && changed.has(to) && changed.has(e.from!)) out.set(to, e.from!);
    return out;
  }

  async changes(): Promise<FileChangeSummary[]> {
    const diffs = await this.diffs();
    const renames = this.renames(diffs);
    const sources = new Set(renames.values());
    const byPath = new Map(diffs.map((d) => [d.path, d]));
    return diffs.filter((d) => !sources.has(d.path)).map((d) => {
      const from = renames.get(d.path);
      return from ? summarize({ ...d, before: byPath.get(from)!.before }, 'rename', from) : summarize(d, kindOf(d));
    });
  }

  /** Who gets credit on the parent's entry: agents on the fork entry that the branch point lacks, else this agent. */
  private author(rel: string): string[] {
    const own = this.fork.entries.get(rel)?.agents ?? [];
    const before = new Set(this.basis.entries.get(rel)?.agents ?? []);
    const fresh = own.filter((a) => !before.has(a) && a !== 'main');
    return fresh.includes(this.agent) ? fresh : [this.agent, ...fresh];
  }

  merge(): Promise<BranchMergeReport> {
    return this.host.locked(async () => {
      const report: BranchMergeReport = { merged: [], conflicts: [] };
      const diffs = await this.diffs();
      const byPath = new Map(diffs.map((d) => [d.path, d]));
      const done = new Set<string>();
      const failed = new Set<string>();
      // a rename both of whose ends the parent left alone stays a rename
      for (const [to, from] of this.renames(diffs)) {
        const [src, dst] = [byPath.get(from)!, byPath.get(to)!];
        if (!bytesEqual(await this.host.view.readFile(from), src.before) || (await this.host.view.stat(to)) !== undefined) continue;
        await this.host.rename(from, to, dst.after!, this.author(to));
        report.merged.push(summarize({ ...dst, before: src.before }, 'rename', from));
        done.add(from).add(to);
      }
      for (const d of diffs) {
        if (done.has(d.path)) continue;
        try {
          const conflict = await this.mergeOne(d);
          if (conflict) report.conflicts.push({ path: d.path, detail: conflict });
          else report.merged.push(summarize(d, kindOf(d)));
        } catch (err) {
          report.conflicts.push({ path: d.path, detail: `could not be merged (${err instanceof Error ? err.message : String(err)}); the subagent's version is kept in its branch` });
          failed.add(d.path); // the branch point stays: a later merge tries again
        }
      }
      for (const d of diffs) if (!failed.has(d.path)) await this.advance(d.path, d.after);
      await this.basis.save();
      return report;
    });
  }

  /** Merges one path into the parent; returns a conflict sentence, or undefined when clean. */
  private async mergeOne(d: PathDiff): Promise<string | undefined> {
    const { path: rel, before: base, after: theirs } = d;
    const ours = await this.host.view.readFile(rel);
    const author = this.author(rel);
    if (bytesEqual(ours, base)) {
      if (theirs === undefined) await this.host.remove(rel, author);
      else await this.host.write(rel, theirs, author);
      return undefined;
    }
    if (bytesEqual(ours, theirs)) return undefined; // the same change on both sides
    const entry = this.host.store.entries.get(rel);
    const who = entry ? `${(entry.agents ?? ['main']).join(', ')} (staged)` : 'your workspace';
    const [o, b, t] = [textOf(ours), textOf(base), textOf(theirs)];
    if (ours !== undefined && theirs !== undefined && o !== undefined && b !== undefined && t !== undefined) {
      const clean = merge3(o, b, t);
      if (clean.clean) {
        await this.host.write(rel, encodeUtf8(clean.text), author);
        return undefined;
      }
      const marked = mergeWithMarkers(o, b, t, who, `subagent ${this.agent}`);
      await this.host.write(rel, encodeUtf8(marked.text), author);
      const detail = `subagent ${this.agent} and ${who} changed the same lines (${describeLines(marked.regions)} of the staged file hold both versions between conflict markers)`;
      this.flag(rel, { kind: 'markers', agents: author, detail });
      return detail;
    }
    const what = theirs === undefined ? 'deleted' : 'changed';
    if (entry) {
      const detail = `subagent ${this.agent} ${what} this file, which ${who} also changed; the staged version was kept`;
      this.flag(rel, { kind: 'kept', agents: author, detail });
      return detail;
    }
    // only the user changed it since the branch point: stage the child's version against
    // the branch point, so the review shows it stale and applying reports the conflict
    if (theirs === undefined) await this.host.remove(rel, author);
    else await this.host.write(rel, theirs, author);
    const staged = this.host.store.entries.get(rel);
    if (staged) {
      const old = staged.base;
      staged.base = await this.host.store.putBase(base);
      if (old !== staged.base) await this.host.store.dropBase(old);
    }
    const detail = `subagent ${this.agent} ${what} this file, which you changed in your workspace since it started`;
    this.flag(rel, { kind: 'kept', agents: author, detail });
    return detail;
  }

  private flag(rel: string, conflict: NonNullable<Entry['conflict']>): void {
    const entry = this.host.store.entries.get(rel);
    if (entry) entry.conflict = conflict;
  }

  /** Moves the branch point of `rel` to the child's version (it has been merged or reported). */
  private async advance(rel: string, content: Uint8Array | undefined): Promise<void> {
    const old = this.basis.entries.get(rel);
    // a rename's source stays hidden at the branch point once the target is replaced
    if (old?.kind === 'rename' && !this.basis.entries.has(old.from!)) this.basis.entries.set(old.from!, { kind: 'delete', base: null });
    if (content === undefined) {
      if (old && isWritten(old)) await this.basis.removeLayer(rel);
      this.basis.entries.set(rel, { kind: 'delete', base: null });
    } else {
      await this.basis.writeLayer(rel, content);
      this.basis.entries.set(rel, { kind: 'modify', base: null });
    }
  }

  async dispose(): Promise<void> {
    await fs.rm(this.dir, { recursive: true, force: true });
  }
}
