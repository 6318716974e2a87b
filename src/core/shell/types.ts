// How the core runs commands. The plain Node shell runs in the workspace (used only
// after approval, or with the `full-access` policy); the sandboxed shell (see
// src/core/sandbox) runs against the session's staged view and reports the files a
// command wrote, which land in the staging area like any edit.

export interface ShellRequest {
  /** Either argv (run directly) or a command string (run by `bash -lc`-less `bash -c`). */
  argv?: string[];
  command?: string;
  /** Absolute working directory, inside the workspace. */
  cwd: string;
  /** Extra environment; implementations strip secrets (API keys) from what they inherit. */
  env?: Record<string, string>;
  timeoutMs: number;
  signal: AbortSignal;
  /** Network access for this command (only granted after an approved escalation). */
  network?: boolean;
  /** Streamed output as produced. */
  onOutput?: (text: string, stream: 'stdout' | 'stderr') => void;
  /**
   * Sandboxed shells: asked when what the command wrote is over the per-command import
   * caps. True stages it all; false (or no callback: no one to ask) stages none of it.
   */
  confirmImport?: (summary: ImportSummary) => Promise<boolean>;
}

/** What a sandboxed command wrote, against the import caps. */
export interface ImportSummary {
  /** Files written, created or deleted. */
  files: number;
  /** Bytes of the files written. */
  bytes: number;
  maxFiles: number;
  maxBytes: number;
}

export interface ShellResult {
  /** null when killed by a signal. */
  exitCode: number | null;
  signal?: string;
  /** Full combined output. */
  output: string;
  timedOut: boolean;
  aborted: boolean;
  durationMs: number;
  /** Workspace-relative paths the command created, changed or deleted (sandboxed shells). */
  stagedPaths?: string[];
  /**
   * What the shell has to say about the run beyond the command's own output, one
   * sentence each (e.g. files that were not staged and why). Not part of `output`.
   */
  notes?: string[];
  /** How it ran. */
  sandbox: 'sandboxed' | 'unsandboxed';
}

export interface Shell {
  /** True when commands are confined (see SECURITY.md); false for a plain shell. */
  readonly sandboxed: boolean;
  /** Why the sandbox is not in use, for the UI (undefined when sandboxed). */
  readonly unavailableReason?: string;
  run(request: ShellRequest): Promise<ShellResult>;
}
