// Default collaborators of an agent when the host does not inject them: the shell
// (sandboxed where the platform allows, else a plain shell that the guard gates by
// asking) and the guard. Kept apart from createAgent so hosts and tests can see
// exactly what "default" means.
//
// The sandbox probe never delays the agent: defaultShells starts it and returns at
// once. Until it answers, the shell reports `sandboxed: false` and a command waits for
// the answer (the guard's assessment awaits `sandboxAvailable`, the shell's run() the
// status); reads, writes and model requests do not wait.
import type { Shell } from '../shell/types';
import type { StagingArea } from '../staging/types';
import type { ApprovalPolicy } from '../policy/types';
import type { Guard } from '../policy/guard';
import { createNodeShell } from '../shell/nodeShell';
import { createSandboxedShell, detectSandbox, SandboxUnavailableError } from '../sandbox/sandboxedShell';
import { createSandboxProbe, type SandboxProbe } from '../sandbox/probe';
import { createGuard } from '../policy/createGuard';

export interface ShellChoice {
  /** Runs the agent's commands. */
  shell: Shell;
  /** Runs approved escalations (and everything under full-access): never confined. */
  plainShell: Shell;
  /**
   * Whether `shell` confines commands, once the probe has answered. Rejects (with a
   * SandboxUnavailableError) when the sandbox is required (mode 'on') but unavailable.
   */
  sandboxAvailable: Promise<boolean>;
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

const OFF_REASON = 'The sandbox is turned off; every command asks first.';

/**
 * Sandboxed when available; otherwise the plain shell, which says why it is not
 * confined. Mode 'on' throws at once when the probe's answer is already known to be
 * "unavailable" (a cached result); otherwise commands fail with the reason.
 */
export function defaultShells(
  workspaceRoot: string,
  staging: StagingArea,
  mode: 'auto' | 'on' | 'off' = 'auto',
  settings: ShellSettings = {},
  probe: SandboxProbe = createSandboxProbe({ detect: () => detectSandbox() }),
): ShellChoice {
  const plain = createNodeShell({ envAllow: settings.envAllow });
  if (mode === 'off') return { shell: withReason(plain, OFF_REASON), plainShell: plain, sandboxAvailable: Promise.resolve(false) };
  const required = (reason: string | undefined) => new SandboxUnavailableError(`The sandbox is required but not available: ${reason ?? 'unknown reason'}`);
  const cached = probe.peek();
  if (mode === 'on' && cached && !cached.available) throw required(cached.reason);

  const status = probe.status();
  const sandboxAvailable = status.then((s) => {
    if (!s.available && mode === 'on') throw required(s.reason);
    return s.available;
  });
  sandboxAvailable.catch(() => undefined); // observed by the guard; never an unhandled rejection
  const { storageDir, envAllow, importLimits } = settings;
  const sandboxed = createSandboxedShell({ workspaceRoot, staging, storageDir, envAllow, importLimits, onUnavailable: () => probe.invalidate() });
  const shell: Shell = {
    get sandboxed() {
      return probe.peek()?.available === true;
    },
    get unavailableReason() {
      const s = probe.peek();
      return s && !s.available ? (s.reason ?? 'The sandbox is not available; every command asks first.') : undefined;
    },
    async run(request) {
      return (await sandboxAvailable) ? sandboxed.run(request) : plain.run(request);
    },
  };
  return { shell, plainShell: plain, sandboxAvailable };
}

function withReason(shell: Shell, reason: string): Shell {
  return { sandboxed: shell.sandboxed, unavailableReason: reason, run: (r) => shell.run(r) };
}

export function defaultGuard(
  policy: ApprovalPolicy,
  workspaceRoot: string,
  sandboxAvailable: boolean | Promise<boolean>,
  trusted: boolean,
  patterns: { secretPatterns?: string[]; protectedPatterns?: string[] } = {},
): Guard {
  return createGuard({ policy, workspaceRoot, sandboxAvailable, trusted, ...patterns });
}
