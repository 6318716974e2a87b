// The core sees the user's files only through this interface. The VS Code host
// implements it over `vscode.workspace.fs` and open documents (so unsaved editors are
// read and edited in place, and applying goes through WorkspaceEdit for undo); the
// Node implementation (CLI, tests) uses `node:fs`.
//
// Paths are workspace-relative POSIX paths ("src/a.ts"), never absolute, never "..".
// Implementations must refuse paths that resolve outside `root` (including through
// symlinks) by throwing a PathOutsideWorkspaceError.

export type FileType = 'file' | 'directory' | 'symlink' | 'other';

export interface FileStat {
  type: FileType;
  size: number;
  mtimeMs: number;
}

export interface DirEntry {
  name: string;
  type: FileType;
}

/**
 * One accepted change to write to the user's files.
 * `expected` is the content the change was computed against: an implementation must
 * re-check it immediately before writing and throw WorkspaceConflictError on mismatch,
 * so a write never clobbers a concurrent user edit. `undefined` means "must not exist".
 */
export type WorkspaceFileEdit =
  | { type: 'write'; path: string; content: Uint8Array; expected: Uint8Array | undefined }
  | { type: 'delete'; path: string; expected: Uint8Array }
  | { type: 'rename'; from: string; to: string; content: Uint8Array; expected: Uint8Array };

/** Read access to a tree of files: the workspace itself, or the staged view over it. */
export interface FileView {
  /** Absolute path of the workspace folder on disk. */
  readonly root: string;
  /** File bytes, or undefined when there is no such file. */
  readFile(path: string): Promise<Uint8Array | undefined>;
  stat(path: string): Promise<FileStat | undefined>;
  /** Entries of a directory, sorted by name; [] for a missing directory. */
  readDir(path: string): Promise<DirEntry[]>;
}

export interface Workspace extends FileView {
  /**
   * Writes accepted changes. All edits of one call are applied together or none is
   * (best effort on platforms without transactions: validate all first, then write).
   */
  applyEdits(edits: WorkspaceFileEdit[]): Promise<void>;
}

// Defined with the path helpers that throw it (util is below workspace).
export { PathOutsideWorkspaceError } from '../util/paths';

export class WorkspaceConflictError extends Error {
  constructor(readonly path: string, detail = 'it changed since the edit was computed') {
    super(`Not written: ${path} (${detail}).`);
    this.name = 'WorkspaceConflictError';
  }
}
