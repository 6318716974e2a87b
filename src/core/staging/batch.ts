// StagingArea.stageBatch's loop: many operations under the caller's one lock and one
// manifest write. A failing operation is reported and the rest go on; an abort stops
// between operations (a copy in progress sees the signal too).
import { promises as fs } from 'node:fs';
import { normalizeFilePath, normalizeRelativePath, parentPath } from '../util/paths';
import type { FileStat, Workspace } from '../workspace/types';
import type { StageBatchResult, StageOp } from './types';

export interface BatchSteps {
  /** Returns false when the content was already staged (nothing changed). */
  copy(rel: string, source: string, size: number, signal?: AbortSignal): Promise<boolean>;
  delete(rel: string): Promise<void>;
  rename(from: string, to: string, content: Uint8Array | undefined): Promise<void>;
}

export async function runBatch(ops: readonly StageOp[], signal: AbortSignal | undefined, steps: BatchSteps): Promise<StageBatchResult> {
  const result: StageBatchResult = { changed: [], failed: [], stopped: false };
  for (const op of ops) {
    if (signal?.aborted) {
      result.stopped = true;
      break;
    }
    try {
      if (op.type === 'copy') {
        const rel = normalizeFilePath(op.path);
        if (await steps.copy(rel, op.source, op.size, signal)) result.changed.push(rel);
      } else if (op.type === 'delete') {
        const rel = normalizeFilePath(op.path);
        await steps.delete(rel);
        result.changed.push(rel);
      } else {
        const [from, to] = [normalizeFilePath(op.from), normalizeFilePath(op.to)];
        const content = op.source === undefined ? undefined : new Uint8Array(await fs.readFile(op.source));
        await steps.rename(from, to, content);
        result.changed.push(from, to);
      }
    } catch (err) {
      if (signal?.aborted) {
        result.stopped = true;
        break;
      }
      result.failed.push({ path: op.type === 'rename' ? op.to : op.path, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return result;
}

/**
 * A view of the workspace for the length of one batch: stats are remembered, and a path
 * whose parent does not exist is known not to exist without asking the file system (an
 * import of thousands of new files in new folders would otherwise walk up and realpath
 * every ancestor of every file). Staging never writes the workspace, so within a batch
 * what it reports cannot go stale through us.
 */
export function memoWorkspace(ws: Workspace): Workspace {
  const stats = new Map<string, Promise<FileStat | undefined>>();
  const stat = (rel: string): Promise<FileStat | undefined> => {
    let s = stats.get(rel);
    if (!s) {
      const parent = parentPath(rel);
      s = rel === '' ? ws.stat(rel) : stat(parent).then((p) => (p === undefined ? undefined : ws.stat(rel)));
      stats.set(rel, s);
    }
    return s;
  };
  return {
    root: ws.root,
    stat: (p) => stat(normalizeRelativePath(p)),
    readFile: async (p) => ((await stat(normalizeRelativePath(p))) === undefined ? undefined : ws.readFile(p)),
    readDir: (p) => ws.readDir(p),
    applyEdits: (edits) => ws.applyEdits(edits),
  };
}
