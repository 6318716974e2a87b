// Applies a whole parsed patch to a set of file texts, in memory. Pure and
// all-or-nothing: either every operation succeeds and the caller gets the actions to
// stage, or PatchApplyError is thrown and nothing should be written.
//
// Operations apply in order to a working copy, so one patch may add then update a file,
// or move a file to a path it deleted. The result is collapsed per final file: a chain
// of moves becomes one rename, an add followed by a delete disappears.
import { diffArrays } from 'diff';
import type { FileChangeKind } from '../types/items';
import { parsePatch, type ParsedPatch, type PatchChunk } from './parser';
import { applyChunks, PatchApplyError } from './applyFile';
import { lineTexts } from './text';

export { PatchApplyError } from './applyFile';

/**
 * A path the patch may touch: a file's text, a file that cannot be edited as text (with
 * the reason), a folder, or undefined when nothing is there.
 */
export type SourceFile = string | { unreadable: string } | { folder: true } | undefined;

const isFolder = (f: SourceFile): f is { folder: true } => typeof f === 'object' && 'folder' in f;

export type PatchAction =
  | { type: 'write'; path: string; content: string }
  | { type: 'delete'; path: string }
  | { type: 'rename'; from: string; to: string; content: string };

export interface PatchFileChange {
  path: string;
  kind: FileChangeKind;
  from?: string;
  added: number;
  removed: number;
}

export interface PatchResult {
  actions: PatchAction[];
  changes: PatchFileChange[];
}

/** "a/b/c" -> ["a", "a/b"] */
function parents(path: string): string[] {
  const parts = path.split('/');
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

/**
 * Every path the patch reads or writes, and the folders above the paths it creates (a
 * file there means the new path cannot be created). The caller loads these into `files`.
 */
export function patchPaths(patch: ParsedPatch): string[] {
  const out = new Set<string>();
  for (const op of patch.ops) {
    out.add(op.path);
    const created = op.type === 'add' ? op.path : op.type === 'update' ? op.moveTo : undefined;
    if (created === undefined) continue;
    out.add(created);
    for (const p of parents(created)) out.add(p);
  }
  return [...out];
}

/** +/- line counts between two texts (undefined = no file). */
export function lineCounts(before: string | undefined, after: string | undefined): { added: number; removed: number } {
  const a = before === undefined ? [] : lineTexts(before);
  const b = after === undefined ? [] : lineTexts(after);
  // Bounded so a pathological diff cannot stall the tool; fall back to "everything changed".
  const parts = diffArrays(a, b, { maxEditLength: 20_000 });
  if (!parts) return { added: b.length, removed: a.length };
  let added = 0;
  let removed = 0;
  for (const p of parts) {
    if (p.added) added += p.count ?? p.value.length;
    else if (p.removed) removed += p.count ?? p.value.length;
  }
  return { added, removed };
}

function countOps(chunks: readonly PatchChunk[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const chunk of chunks) {
    for (const op of chunk.ops) {
      if (op.kind === 'add') added++;
      else if (op.kind === 'del') removed++;
    }
  }
  return { added, removed };
}

function textOf(file: SourceFile, path: string, verb: string): string {
  if (file === undefined) throw new PatchApplyError(`Cannot ${verb} ${path}: the file does not exist.`);
  if (isFolder(file)) throw new PatchApplyError(`Cannot ${verb} ${path}: it is a folder.`);
  if (typeof file !== 'string') throw new PatchApplyError(`Cannot ${verb} ${path}: ${file.unreadable}.`);
  return file;
}

export function applyParsedPatch(patch: ParsedPatch, files: ReadonlyMap<string, SourceFile>): PatchResult {
  if (patch.ops.length === 0) throw new PatchApplyError('The patch contains no file operations.');
  const original = (p: string): SourceFile => files.get(p);
  const work = new Map<string, SourceFile>();
  const current = (p: string): SourceFile => (work.has(p) ? work.get(p) : original(p));
  // +/- counts read off the patch itself for a path changed by exactly one plain update
  // (the common case): what `git apply --stat` reports, and it spares a whole-file diff
  // of large files. Anything else (moves, several ops on a path) is diffed below.
  const patchCounts = new Map<string, { added: number; removed: number } | null>();
  // Final path -> the original path its content came from (through moves).
  const origin = new Map<string, string>();

  // Everything the staging area would refuse is refused here, before anything is staged:
  // a folder stays a folder (one that exists, or one the patch creates files in), and
  // no file can be created below a file.
  const folderAt = (p: string): boolean =>
    isFolder(original(p)) || [...work].some(([q, f]) => f !== undefined && q.startsWith(`${p}/`));
  const fileAt = (p: string): boolean => current(p) !== undefined && !folderAt(p);
  /** Why `p` (called `name`) cannot be created now ("dir is a folder", "a is a file"), or undefined. */
  const blocker = (p: string, name: string): string | undefined => {
    if (folderAt(p)) return `${name} is a folder`;
    const file = parents(p).find(fileAt);
    return file === undefined ? undefined : `${file} is a file`;
  };

  for (const op of patch.ops) {
    if (op.type === 'add') {
      const blocked = blocker(op.path, 'it');
      if (blocked) throw new PatchApplyError(`Cannot add ${op.path}: ${blocked}.`);
      if (current(op.path) !== undefined) {
        throw new PatchApplyError(`Cannot add ${op.path}: it already exists. Use "*** Update File: ${op.path}" to change it.`);
      }
      work.set(op.path, op.lines.length ? op.lines.join('\n') + '\n' : '');
    } else if (op.type === 'delete') {
      if (folderAt(op.path)) throw new PatchApplyError(`Cannot delete ${op.path}: it is a folder; delete its files one by one.`);
      if (current(op.path) === undefined) throw new PatchApplyError(`Cannot delete ${op.path}: the file does not exist.`);
      work.set(op.path, undefined);
    } else {
      const text = textOf(current(op.path), op.path, 'update');
      const next = op.chunks.length ? applyChunks(op.path, text, op.chunks) : text;
      const dest = op.moveTo ?? op.path;
      const plain = dest === op.path && !patchCounts.has(dest);
      patchCounts.set(dest, plain ? countOps(op.chunks) : null);
      if (dest !== op.path) {
        const blocked = blocker(dest, dest);
        if (blocked) throw new PatchApplyError(`Cannot move ${op.path} to ${dest}: ${blocked}.`);
        if (current(dest) !== undefined) throw new PatchApplyError(`Cannot move ${op.path} to ${dest}: ${dest} already exists.`);
        work.set(op.path, undefined);
        origin.set(dest, origin.get(op.path) ?? op.path);
        origin.delete(op.path);
      }
      work.set(dest, next);
    }
  }

  const actions: PatchAction[] = [];
  const changes: PatchFileChange[] = [];
  const handled = new Set<string>();
  const asText = (f: SourceFile) => (typeof f === 'string' ? f : undefined);

  for (const [dest, src] of origin) {
    const before = original(src);
    const after = current(dest);
    if (src === dest || before === undefined || after === undefined || current(src) !== undefined) continue;
    if (original(dest) !== undefined) continue; // the destination existed: report as delete + write below
    const content = after as string;
    actions.push({ type: 'rename', from: src, to: dest, content });
    changes.push({ path: dest, kind: 'rename', from: src, ...lineCounts(asText(before), content) });
    handled.add(src).add(dest);
  }
  for (const path of work.keys()) {
    if (handled.has(path)) continue;
    const before = original(path);
    const after = current(path);
    if (after === undefined) {
      if (before === undefined) continue;
      actions.push({ type: 'delete', path });
      changes.push({ path, kind: 'delete', ...lineCounts(asText(before), undefined) });
    } else if (before !== after) {
      const content = after as string;
      actions.push({ type: 'write', path, content });
      const kind: FileChangeKind = before === undefined ? 'add' : 'modify';
      const counted = kind === 'modify' ? patchCounts.get(path) : undefined;
      changes.push({ path, kind, ...(counted ?? lineCounts(asText(before), content)) });
    }
  }
  // Staged in this order, as the staging area applies them: a path a deletion or a move
  // frees can then be reused (delete a, then add a/b).
  actions.sort((a, b) => ACTION_ORDER[a.type] - ACTION_ORDER[b.type]);
  return { actions, changes };
}

const ACTION_ORDER: Record<PatchAction['type'], number> = { delete: 0, rename: 1, write: 2 };

/** Parse and apply in one step (tests, callers with all files at hand). */
export function applyPatchText(patchText: string, files: ReadonlyMap<string, SourceFile>): PatchResult {
  return applyParsedPatch(parsePatch(patchText), files);
}
