// Default collaborators of an agent when the host does not inject them: the shell
// (sandboxed where the platform allows, else a plain shell that the guard gates by
// asking) and the guard. Kept apart from createAgent so hosts and tests can see
// exactly what "default" means.
import type { Shell } from '../shell/types';
import type { StagingArea } from '../staging/types';
import type { ApprovalPolicy } from '../policy/types';
import type { Guard } from '../policy/guard';
import { createNodeShell } from '../shell/nodeShell';
import { createSandboxedShell, detectSandbox } from '../sandbox/sandboxedShell';
import { createGuard } from '../policy/createGuard';

export interface ShellChoice {
  /** Runs the agent's commands. */
  shell: Shell;
  /** Runs approved escalations (and everything under full-access): never confined. */
  plainShell: Shell;
}

/** What reaches commands, whichever shell runs them (see SECURITY.md). */
export interface ShellSettings {
  /** Tandem's storage folder: hidden from sandboxed commands. */
  storageDir?: string;
  /** Environment variables (names, or NAME_* prefixes) passed beyond the ordinary ones. */
  envAllow?: readonly string[];
  /** Per-command caps on importing what a sandboxed command wrote. */
  importLimits?: { maxFiles?: number; maxBytes?: number };
}

/** Sandboxed when available; otherwise the plain shell, which says why it is not confined. */
export async function defaultShells(
  workspaceRoot: string,
  staging: StagingArea,
  mode: 'auto' | 'on' | 'off' = 'auto',
  settings: ShellSettings = {},
): Promise<ShellChoice> {
  const plain = createNodeShell({ envAllow: settings.envAllow });
  if (mode === 'off') return { shell: withReason(plain, 'The sandbox is turned off; every command asks first.'), plainShell: plain };
  const status = await detectSandbox();
  if (status.available) {
    const { storageDir, envAllow, importLimits } = settings;
    return { shell: createSandboxedShell({ workspaceRoot, staging, storageDir, envAllow, importLimits }), plainShell: plain };
  }
  if (mode === 'on') throw new Error(`The sandbox is not available: ${status.reason ?? 'unknown reason'}`);
  return { shell: withReason(plain, status.reason ?? 'The sandbox is not available; every command asks first.'), plainShell: plain };
}

function withReason(shell: Shell, reason: string): Shell {
  return { sandboxed: shell.sandboxed, unavailableReason: reason, run: (r) => shell.run(r) };
}

export function defaultGuard(
  policy: ApprovalPolicy,
  workspaceRoot: string,
  shell: Shell,
  trusted: boolean,
  patterns: { secretPatterns?: string[]; protectedPatterns?: string[] } = {},
): Guard {
  return createGuard({ policy, workspaceRoot, sandboxAvailable: shell.sandboxed, trusted, ...patterns });
}
