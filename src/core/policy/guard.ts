// The guard applies the approval policy to one action. It decides; it does not ask:
// the caller asks through Approvals when the answer is 'ask'. Implemented in
// src/core/policy (known-safe command parse, protected paths, secret reads).
import type { ApprovalPolicy } from './types';

export type GuardAction = 'allow' | 'ask' | 'deny';

export interface CommandAssessment {
  action: GuardAction;
  /** Plain sentence: why it runs, asks or is refused. */
  why: string;
  /** Run inside the sandbox (true) or directly (false: only ever after approval or with full-access). */
  sandboxed: boolean;
}

export interface CommandToAssess {
  command: string;
  /** Absolute cwd (already checked to be inside the workspace). */
  cwd: string;
  /** The model asked for more than the sandbox gives. */
  escalation?: 'network' | 'unsandboxed';
}

export interface PathAssessment {
  action: GuardAction;
  why: string;
  /** For writes: the path is protected (settings, .vscode, git hooks...): flag it in review. */
  protected?: string;
}

export interface Guard {
  readonly policy: ApprovalPolicy;
  /**
   * Globs of files whose reads ask (secrets): tools that read many files at once (search)
   * leave them out up front rather than report on them. Absent: the built-in list.
   */
  readonly secretPatterns?: readonly string[];
  assessCommand(cmd: CommandToAssess): Promise<CommandAssessment>;
  /** Reads of secrets (.env*, keys, deny-list) ask; paths outside the workspace are denied. */
  assessRead(path: string): Promise<PathAssessment>;
  assessWrite(path: string): Promise<PathAssessment>;
  /** Remember an allow_session decision so the same request does not ask again. */
  rememberSessionAllow(key: string): void;
}
