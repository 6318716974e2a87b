// Workspace over node:fs, for the CLI and tests. Contract (see types.ts): every path is
// workspace-relative POSIX; anything resolving outside the realpath'd root, lexically
// or through a symlink, throws PathOutsideWorkspaceError. applyEdits validates every
// edit's `expected` before writing anything, and writes each file atomically.
import { randomBytes } from 'node:crypto';
import { promises as fs, type Dirent, type Stats } from 'node:fs';
import * as path from 'node:path';
import { isInsideRoot, normalizeRelativePath, normalizeFilePath, toAbsolute } from '../util/paths';
import { bytesEqual } from '../util/text';
import { isNotFound, readFileOrUndefined } from '../util/fs';
import {
  PathOutsideWorkspaceError,
  WorkspaceConflictError,
  type DirEntry,
  type FileStat,
  type FileType,
  type Workspace,
  type WorkspaceFileEdit,
} from './types';

/** Symlink hops followed while checking a dangling link (realpath's ELOOP is ~40). */
const MAX_LINK_HOPS = 40;

export async function createNodeWorkspace(root: string): Promise<Workspace> {
  const realRoot = await fs.realpath(path.resolve(root));
  const st = await fs.stat(realRoot);
  if (!st.isDirectory()) throw new Error(`The workspace root "${root}" is not a folder.`);
  return new NodeWorkspace(realRoot);
}

function typeOf(s: Stats | Dirent): FileType {
  if (s.isFile()) return 'file';
  if (s.isDirectory()) return 'directory';
  if (s.isSymbolicLink()) return 'symlink';
  return 'other';
}

class NodeWorkspace implements Workspace {
  constructor(readonly root: string) {}

  /**
   * Absolute path for a workspace path after checking that its nearest existing
   * ancestor (itself included) really lives under root. A dangling symlink is
   * checked through its target, so writing through it cannot escape either.
   */
  private async resolve(rel: string, original: string): Promise<string> {
    const abs = toAbsolute(this.root, rel);
    await this.assertInside(abs, original, 0);
    return abs;
  }

  private async assertInside(abs: string, original: string, hops: number): Promise<void> {
    let cur = abs;
    for (;;) {
      try {
        const real = await fs.realpath(cur);
        if (!isInsideRoot(this.root, real)) throw new PathOutsideWorkspaceError(original);
        return;
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
      const link = await fs.lstat(cur).catch(() => undefined);
      if (link?.isSymbolicLink()) {
        if (hops >= MAX_LINK_HOPS) throw new PathOutsideWorkspaceError(original);
        const target = path.resolve(path.dirname(cur), await fs.readlink(cur));
        return this.assertInside(target, original, hops + 1);
      }
      const parent = path.dirname(cur);
      if (parent === cur) throw new PathOutsideWorkspaceError(original);
      cur = parent;
    }
  }

  async readFile(p: string): Promise<Uint8Array | undefined> {
    const abs = await this.resolve(normalizeRelativePath(p), p);
    return readFileOrUndefined(abs);
  }

  async stat(p: string): Promise<FileStat | undefined> {
    const abs = await this.resolve(normalizeRelativePath(p), p);
    try {
      const s = await fs.lstat(abs);
      return { type: typeOf(s), size: s.size, mtimeMs: s.mtimeMs };
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async readDir(p: string): Promise<DirEntry[]> {
    const abs = await this.resolve(normalizeRelativePath(p), p);
    let entries: Dirent[];
    try {
      entries = await fs.readdir(abs, { withFileTypes: true });
    } catch (err) {
      if (isNotFound(err)) return [];
      throw err;
    }
    return entries
      .map((e) => ({ name: e.name, type: typeOf(e) }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  async applyEdits(edits: WorkspaceFileEdit[]): Promise<void> {
    // Resolve and validate everything before the first write, so a bad path or a
    // stale `expected` anywhere leaves every file untouched.
    const plans: Plan[] = [];
    for (const edit of edits) plans.push(await this.plan(edit));
    for (const plan of plans) await checkExpected(plan);
    for (const plan of plans) {
      // Re-check right before writing (narrows the race); a lone edit was checked just now.
      if (plans.length > 1) await checkExpected(plan);
      await execute(plan);
    }
  }

  private async plan(edit: WorkspaceFileEdit): Promise<Plan> {
    if (edit.type === 'rename') {
      const from = normalizeFilePath(edit.from);
      const to = normalizeFilePath(edit.to);
      return { edit, from: from, abs: await this.resolve(from, edit.from), toAbs: await this.resolve(to, edit.to) };
    }
    const rel = normalizeFilePath(edit.path);
    return { edit, from: rel, abs: await this.resolve(rel, edit.path) };
  }
}

interface Plan {
  edit: WorkspaceFileEdit;
  from: string;
  abs: string;
  toAbs?: string;
}

async function checkExpected(plan: Plan): Promise<void> {
  const { edit } = plan;
  const label = edit.type === 'rename' ? edit.from : edit.path;
  const current = await readFileOrUndefined(plan.abs);
  if (current === undefined && edit.expected === undefined) {
    // "must not exist": a directory (or other non-file) in the way is a conflict too.
    if (await fs.lstat(plan.abs).then(() => true, () => false)) throw new WorkspaceConflictError(label, 'something already exists there');
  } else if (!bytesEqual(current, edit.expected)) {
    throw new WorkspaceConflictError(label, current === undefined ? 'it no longer exists' : 'it changed since the edit was computed');
  }
  if (plan.toAbs && (await fs.lstat(plan.toAbs).then(() => true, () => false))) {
    throw new WorkspaceConflictError((edit as { to: string }).to, 'the rename target already exists');
  }
}

async function execute(plan: Plan): Promise<void> {
  const { edit } = plan;
  if (edit.type === 'delete') {
    await fs.unlink(plan.abs);
  } else if (edit.type === 'write') {
    await atomicWrite(plan.abs, edit.content);
  } else {
    // Write the new name first, then drop the old one: a crash in between leaves
    // both files (recoverable) rather than neither.
    const mode = (await fs.stat(plan.abs)).mode & 0o7777;
    await atomicWrite(plan.toAbs!, edit.content, mode);
    await fs.unlink(plan.abs);
  }
}

/**
 * Writes via a temp file in the target's own directory plus rename, so readers never
 * see a half-written file. Keeps the existing file's mode (or `mode` for a new file).
 * Writing through a symlink updates its target and keeps the link.
 */
async function atomicWrite(abs: string, content: Uint8Array, mode?: number): Promise<void> {
  let target = abs;
  try {
    target = await fs.realpath(abs);
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  const existing = await fs.stat(target).catch(() => undefined);
  const keepMode = existing ? existing.mode & 0o7777 : mode;
  const dir = path.dirname(target);
  await fs.mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(target)}.tandem-${randomBytes(6).toString('hex')}.tmp`);
  const fh = await fs.open(tmp, 'wx', keepMode ?? 0o666);
  try {
    await fh.writeFile(content);
    // open()'s mode is filtered by the umask; chmod restores the exact original bits.
    if (keepMode !== undefined) await fh.chmod(keepMode);
    await fh.sync();
  } catch (err) {
    await fh.close().catch(() => undefined);
    await fs.unlink(tmp).catch(() => undefined);
    throw err;
  }
  await fh.close();
  try {
    await fs.rename(tmp, target);
  } catch (err) {
    await fs.unlink(tmp).catch(() => undefined);
    throw err;
  }
}
