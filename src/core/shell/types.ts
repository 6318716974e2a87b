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
