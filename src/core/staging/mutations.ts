// Staging writes, deletes and renames. Invariants kept here:
// - one entry per path; a rename's source path has no entry of its own (it is hidden);
// - an entry's base is the workspace content its change was computed against;
// - staging content identical to the workspace removes the entry (renames excepted);
// - an entry lists who staged it (`agents`, in order): the context's author is added to
//   every entry a mutation leaves, and an entry that replaces another keeps its list.
import { promises as fs } from 'node:fs';
import { asText, bytesEqual, detectEol, encodeUtf8, matchEol } from '../util/text';
import type { FileStat, Workspace } from '../workspace/types';
import { isWritten, type Entry, type StagingStore } from './store';
import { hasConflictMarkers } from './conflictMarkers';

export interface MutationContext {
  store: StagingStore;
  workspace: Workspace;
  /** Recorded on the entries a mutation leaves (default: none, e.g. apply/reject rebases). */
  author?: readonly string[];
}

/** `next` with the attribution of the entry it replaces plus the context's author. */
function attributed(ctx: MutationContext, next: Entry, prev?: Entry): Entry {
  const agents = [...(prev?.agents ?? next.agents ?? [])];
  for (const a of ctx.author ?? []) if (!agents.includes(a)) agents.push(a);
  if (agents.length) next.agents = agents;
  if (prev?.conflict && !next.conflict) next.conflict = prev.conflict;
  return next;
}

/**
 * Gives content the line-ending convention of the file it replaces when it uses the
 * other convention uniformly (models and tools tend to emit LF): a CRLF file stays CRLF.
 * Mixed content, binary content and new files are kept byte for byte.
 */
export function conformEol(content: Uint8Array, reference: Uint8Array | undefined): Uint8Array {
  if (!reference) return content;
  const ref = asText(reference);
  const text = asText(content);
  if (ref === undefined || text === undefined) return content;
  const out = matchEol(text, detectEol(ref));
  return out === text ? content : encodeUtf8(out);
}

/**
 * If `rel` is the source of a staged rename, turn that rename into an add (target) plus
 * a delete (source), which shows the same staged view but lets `rel` be staged again.
 */
function splitRenameSource(store: StagingStore, rel: string): void {
  const pair = store.renameFrom(rel);
  if (!pair) return;
  const [to, rename] = pair;
  const agents = rename.agents ? { agents: [...rename.agents] } : {};
  store.entries.set(to, { kind: 'add', base: null, ...agents });
  store.entries.set(rel, { kind: 'delete', base: rename.base, ...agents });
}

export async function stageWrite(ctx: MutationContext, rel: string, raw: Uint8Array): Promise<void> {
  const { store, workspace } = ctx;
  splitRenameSource(store, rel);
  const current = await workspace.readFile(rel);
  let entry: Entry | undefined = store.entries.get(rel);
  const content = conformEol(raw, current ?? (entry ? await store.readBase(entry.base) : undefined));
  if (!entry) {
    if (bytesEqual(current, content)) return;
    entry = { kind: current === undefined ? 'add' : 'modify', base: await store.putBase(current) };
  } else if (entry.kind === 'delete') {
    entry = attributed(ctx, { kind: 'modify', base: entry.base }, entry);
  }
  // a write that leaves no conflict markers resolves a marker conflict; any write
  // supersedes a kept one
  if (entry.conflict && !(entry.conflict.kind === 'markers' && hasConflictMarkers(asText(content)))) delete entry.conflict;
  store.entries.set(rel, attributed(ctx, entry));
  if (entry.kind !== 'rename' && current !== undefined && bytesEqual(current, content)) {
    await store.dropEntry(rel);
    return;
  }
  await store.writeLayer(rel, content);
}

/**
 * Stages the file at `source` as the new content of `rel`, byte for byte (no line-ending
 * conforming: this is what a command wrote) and without holding it in memory when the
 * workspace has no file there. Returns false when that is already the staged content.
 */
export async function stageCopy(ctx: MutationContext, rel: string, source: string, size: number, signal?: AbortSignal): Promise<boolean> {
  const { store, workspace } = ctx;
  splitRenameSource(store, rel);
  let entry: Entry | undefined = store.entries.get(rel);
  const staged = entry ? (isWritten(entry) ? await store.readLayer(rel) : undefined) : await workspace.readFile(rel);
  if (staged !== undefined && staged.length === size && bytesEqual(staged, await readSource(source))) return false;
  const existed = entry !== undefined;
  if (!entry) entry = { kind: staged === undefined ? 'add' : 'modify', base: await store.putBase(staged) };
  else if (entry.kind === 'delete') entry = attributed(ctx, { kind: 'modify', base: entry.base }, entry);
  // as in stageWrite: only content that still holds conflict markers keeps a marker conflict
  if (entry.conflict && !(entry.conflict.kind === 'markers' && hasConflictMarkers(asText(await readSource(source))))) delete entry.conflict;
  store.entries.set(rel, attributed(ctx, entry));
  if (existed && entry.kind === 'modify') {
    // Back to the workspace's bytes: nothing is left to stage.
    const ws = await workspace.readFile(rel);
    if (ws !== undefined && ws.length === size && bytesEqual(ws, await readSource(source))) {
      await store.dropEntry(rel);
      return true;
    }
  }
  await store.copyToLayer(rel, source, size, signal);
  return true;
}

async function readSource(source: string): Promise<Uint8Array> {
  return new Uint8Array(await fs.readFile(source));
}

/** `stat` is the workspace's stat of `rel` (the caller's path check already fetched it). */
export async function stageDelete(ctx: MutationContext, rel: string, stat: FileStat | undefined): Promise<void> {
  const { store, workspace } = ctx;
  const entry = store.entries.get(rel);
  if (!entry) {
    if (store.renameFrom(rel)) throw notFound(rel);
    if (!stat) throw notFound(rel);
    if (stat.type === 'directory') throw new Error(`${rel} is a folder; delete its files one by one.`);
    store.entries.set(rel, attributed(ctx, { kind: 'delete', base: await store.putBase(await workspace.readFile(rel)) }));
  } else if (entry.kind === 'delete') {
    throw notFound(rel);
  } else if (entry.kind === 'add') {
    await store.dropEntry(rel);
  } else {
    await store.removeLayer(rel);
    store.entries.delete(rel);
    // Deleting a renamed file deletes the file under its workspace name.
    const { conflict: _resolved, ...kept } = entry;
    store.entries.set(entry.kind === 'rename' ? entry.from! : rel, attributed(ctx, { kind: 'delete', base: entry.base }, kept));
  }
}

/** `content` is the staged view's content of `from` (or the caller's replacement). */
export async function stageRename(ctx: MutationContext, from: string, to: string, content: Uint8Array): Promise<void> {
  const { store, workspace } = ctx;
  const source = store.entries.get(from);
  let origin: { from: string; base: string | null } | null;
  if (!source) {
    origin = { from, base: await store.putBase(await workspace.readFile(from)) };
  } else {
    if (source.kind !== 'delete') await store.removeLayer(from);
    store.entries.delete(from);
    origin = source.kind === 'add' ? null : { from: source.kind === 'rename' ? source.from! : from, base: source.base };
  }
  splitRenameSource(store, to);
  const target = store.entries.get(to); // only ever a staged delete: `to` is absent in the staged view
  const put = (rel: string, next: Entry, prev?: Entry) => store.entries.set(rel, attributed(ctx, next, prev));
  if (target) {
    // The workspace has a file at `to` (deleted in staging): this is a rewrite of `to`
    // plus a deletion of the source, not a rename.
    put(to, { kind: 'modify', base: target.base }, target);
    if (origin) put(origin.from, { kind: 'delete', base: origin.base }, source);
  } else if (origin && origin.from === to) {
    put(to, { kind: 'modify', base: origin.base }, source); // moved back home
  } else if (origin) {
    put(to, { kind: 'rename', from: origin.from, base: origin.base }, source);
  } else {
    put(to, { kind: 'add', base: null }, source);
  }
  await store.writeLayer(to, content);
  if (store.entries.get(to)!.kind === 'modify' && bytesEqual(await workspace.readFile(to), content)) await store.dropEntry(to);
}

export function notFound(rel: string): Error {
  return new Error(`No such file: ${rel}`);
}
