// The staging area: every write by the agent (a tool, or a sandboxed command) lands
// here, never in the workspace. It is a per-session directory layered over the
// workspace; reads through it (it is a FileView) see the staged state. The user
// applies or rejects per file or per hunk; applying goes through Workspace.applyEdits.
import type { FileView } from '../workspace/types';
import type { FileChangeKind, FileChangeSummary } from '../types/items';
import type { RevertOutcome } from './revert';

export interface Hunk {
  /** Stable id within the file's current change set (e.g. "h0"). */
  id: string;
  /** 1-based start line and line count in the workspace version (old) and staged version (new). */
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /**
   * Unified-diff body lines, each starting with ' ', '-' or '+', without line
   * terminators (a CRLF file's lines carry no '\r' here).
   */
  lines: string[];
  /**
   * The old / new side's last line in this hunk has no final newline (what unified
   * diffs mark with '\ No newline at end of file'; that marker is not in `lines`).
   */
  oldNoNewlineAtEnd?: boolean;
  newNoNewlineAtEnd?: boolean;
}

export interface StagedChange {
  path: string;
  kind: FileChangeKind;
  /** For renames. */
  from?: string;
  binary: boolean;
  added: number;
  removed: number;
  hunks: Hunk[];
  /** True when the workspace file changed since it was staged (apply will merge or conflict). */
  stale: boolean;
  /** Protected paths (settings, .vscode, git hooks...) are flagged and need an explicit click. */
  protected?: string;
  /**
   * Who made this change, in the order they first touched it: 'main' for the session's
   * own agent, else a subagent's id (its work merged in from its branch). Absent for
   * changes staged before attribution existed.
   */
  agents?: string[];
  /** Set while a subagent's merge overlaps this change (see StagedConflict). */
  conflict?: StagedConflict;
}

/**
 * Two agents (or an agent and the user's own edits) changed the same lines. 'markers':
 * the staged text holds both versions between git-style conflict markers; hunks that
 * still contain markers do not apply. 'kept': the other version could not be merged as
 * text (a deletion, a binary file), so this change kept its own and the other is
 * reported in `detail`.
 */
export interface StagedConflict {
  kind: 'markers' | 'kept';
  /** The subagents whose merge conflicted. */
  agents: string[];
  /** A sentence for the user (and the agent): what overlaps, and where. */
  detail: string;
}

/**
 * A subagent's own staging area, branched from its parent's staged view (the branch
 * point); see staging/branch.ts. The child reads and writes `staging` (its commands run
 * over it); `merge()` brings its changes since the branch point (or the last merge) into
 * the parent three-way, reporting overlaps instead of overwriting.
 */
export interface StagingBranch {
  readonly agent: string;
  readonly staging: StagingArea;
  /** The child's own changes since the branch point or the last merge. */
  changes(): Promise<FileChangeSummary[]>;
  merge(): Promise<BranchMergeReport>;
  /** Deletes the branch's files (its unmerged changes are gone). */
  dispose(): Promise<void>;
}

export interface BranchMergeReport {
  /** Changes that merged cleanly (counts are the child's own diff). */
  merged: FileChangeSummary[];
  /** Changes that overlapped: staged as a conflict in the parent, never dropped. */
  conflicts: { path: string; detail: string }[];
}

export type ApplyOutcome =
  | { path: string; status: 'applied'; hunksApplied: number; hunksTotal: number; merged?: boolean }
  | { path: string; status: 'rejected'; hunksRejected: number; reason?: string }
  | { path: string; status: 'conflict'; detail: string }
  /** A bulk apply left this protected change staged: it applies only when named (or on its own). */
  | { path: string; status: 'held'; reason: string };

export interface ApplyAllOptions {
  /**
   * Protected paths the user confirmed one by one (CLI `--apply-protected PATH`). Every
   * other protected change stays staged and comes back as a 'held' outcome.
   */
  protected?: readonly string[];
}

/** One operation of StagingArea.stageBatch (an import of what a command wrote). */
export type StageOp =
  /** Stage the file at absolute `source` as `path`, byte for byte; `size` is its size. */
  | { type: 'copy'; path: string; source: string; size: number }
  | { type: 'delete'; path: string }
  /** A rename whose new content is the file at `source` (the old content when absent). */
  | { type: 'rename'; from: string; to: string; source?: string };

export interface StageBatchResult {
  /** Paths whose staged state changed (both ends of a rename). */
  changed: string[];
  /** Operations refused or failed, with why; the others went on. */
  failed: { path: string; error: string }[];
  /** The signal aborted before every operation ran. */
  stopped: boolean;
}

export interface StagingArea extends FileView {
  /**
   * Directory holding the staged contents of written files at their workspace-relative
   * paths. The sandbox layers it over the workspace so commands see the staged view;
   * read it, never write it directly (use writeFile/deleteFile).
   */
  readonly layerDir: string;
  /** Every staged path: written (content in layerDir) or deleted. */
  stagedPaths(): Promise<{ path: string; deleted: boolean }[]>;
  /**
   * Stage new content for a file (creating it if needed). Every staging operation runs
   * the protected-path check (src/core/policy/protection.ts): git internals are refused
   * (the promise rejects), other protected paths are staged and flagged.
   */
  writeFile(path: string, content: Uint8Array): Promise<void>;
  deleteFile(path: string): Promise<void>;
  /** Stage a rename (with optional new content). */
  rename(from: string, to: string, content?: Uint8Array): Promise<void>;
  /**
   * Stages many operations under one lock with one manifest write, in order: time in
   * proportion to the data, not files x staged files. Each runs the checks of
   * writeFile / deleteFile / rename; one that fails is reported and the rest go on.
   * Stops between operations (and inside a long copy) when `signal` aborts.
   */
  stageBatch(ops: readonly StageOp[], options?: { signal?: AbortSignal }): Promise<StageBatchResult>;
  /** Staged files (all, or those at or renamed from `paths`) with per-hunk diffs against the workspace as it is now. */
  changes(paths?: readonly string[]): Promise<StagedChange[]>;
  /** Apply a whole file, or only the given hunks (the rest stay staged). */
  apply(path: string, hunkIds?: string[]): Promise<ApplyOutcome>;
  /** Reject a whole file, or only the given hunks (removed from the staged version). */
  reject(path: string, hunkIds?: string[], reason?: string): Promise<ApplyOutcome>;
  /**
   * Applies every staged change except protected ones not named in `options.protected`:
   * those stay staged ('held'). No bulk apply applies a protected change unconfirmed.
   */
  applyAll(options?: ApplyAllOptions): Promise<ApplyOutcome[]>;
  discardAll(): Promise<ApplyOutcome[]>;
  /**
   * Decisions made since the last call, as sentences for the agent
   * ("applied 3 of 5 hunks in src/a.ts; rejected 2: keep the old name"). Clears them.
   */
  takeDecisions(): string[];
  /**
   * Queues a sentence for the next takeDecisions() (a decision made outside apply and
   * reject, e.g. "the user edited the staged version of src/a.ts: ..."). Persisted like
   * the others. Optional so other implementations stay valid; hosts check for it.
   */
  noteDecision?(sentence: string): Promise<void>;
  /**
   * Checkpoints and undo (optional so other implementations stay valid; the agent and
   * hosts check for them). checkpoint(id) records the staged set now (the agent takes
   * one when each turn starts, id = turn id); undo(id) puts the staged set back as it
   * was then (files applied since are left to revertApplied); revertApplied(id) writes
   * back what applies since then changed in the workspace, three-way, and restages
   * those files as they were at the checkpoint. `label` names the turn in the sentence
   * the agent is told (takeDecisions). See checkpoints.ts and revert.ts.
   */
  checkpoint?(id: string): Promise<void>;
  undo?(id: string, label?: string): Promise<UndoResult>;
  revertApplied?(id: string, label?: string): Promise<RevertOutcome[]>;
  /** Paths applied to the workspace at or after checkpoint `id` and not reverted. */
  appliedSince?(id: string): string[];
  /** Fires after any change to the staged set (for live UI updates). */
  onDidChange(listener: () => void): { dispose(): void };
  /**
   * Branches this area for a subagent (files under `dir`, attributed to `agent`).
   * Optional so other implementations stay valid; subagents need it.
   */
  branch?(options: { dir: string; agent: string }): Promise<StagingBranch>;
}

export interface UndoResult {
  /** Paths whose staged state changed. */
  restored: string[];
  /** Paths applied to the workspace since the checkpoint: revertApplied can write them back. */
  applied: string[];
}

export type { RevertOutcome };
