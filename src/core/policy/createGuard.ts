// The approval policy (see SECURITY.md). The guard decides allow / ask / deny for one
// command, read or write; the caller asks through Approvals on 'ask'.
//   read-only   no writes; only known-safe commands (sandboxed when available)
//   on-request  sandboxed commands run; escalations and protected paths ask; with no
//               sandbox every command that is not known safe asks
//   untrusted   every command that is not known safe asks
//   full-access no sandbox, no prompts (downgraded to on-request in an untrusted
//               workspace: nothing in a repository may loosen policy)
// Configured patterns only add to the built-in secret and protected lists.
import { realpathSync } from 'node:fs';
import path from 'node:path';
import type { CommandAssessment, CommandToAssess, Guard, PathAssessment } from './guard';
import type { ApprovalPolicy } from './types';
import { assessKnownSafe } from './knownSafe';
import { DEFAULT_SECRETS, compilePatterns, resolveInWorkspace } from './paths';
import { pathProtection } from './protection';
import { toWorkspacePath } from '../util/paths';

export { assessKnownSafe } from './knownSafe';

export interface GuardOptions {
  policy: ApprovalPolicy;
  workspaceRoot: string;
  /**
   * Whether commands can run confined. A promise while the sandbox probe runs: only
   * command assessments wait for it (reads and writes never do); a rejection (a sandbox
   * that is required but missing) fails the assessment with its message.
   */
  sandboxAvailable: boolean | Promise<boolean>;
  /** Workspace Trust. Untrusted: full-access is refused and git is not known safe unsandboxed. */
  trusted: boolean;
  /** Extra globs whose reads ask (added to .env*, keys...). */
  secretPatterns?: string[];
  /** Extra globs whose writes are protected (added to .vscode/, hooks...). */
  protectedPatterns?: string[];
}

export function commandKey(cmd: CommandToAssess): string {
  return `command:${cmd.escalation ?? 'sandbox'}:${cmd.command}`;
}
export function readKey(rel: string): string {
  return `read:${rel}`;
}
export function writeKey(rel: string): string {
  return `write:${rel}`;
}

export function createGuard(options: GuardOptions): Guard {
  const policy: ApprovalPolicy = options.policy === 'full-access' && !options.trusted ? 'on-request' : options.policy;
  let root: string;
  try {
    root = realpathSync(options.workspaceRoot);
  } catch {
    root = path.resolve(options.workspaceRoot);
  }
  const secretPatterns = [...DEFAULT_SECRETS, ...(options.secretPatterns ?? [])];
  const secrets = compilePatterns(secretPatterns);
  const protection = pathProtection(options.protectedPatterns ?? []);
  const allowed = new Set<string>();
  const sandboxed = async () => (await options.sandboxAvailable) && policy !== 'full-access';
  const isSecretRel = (rel: string) => secrets.some((re) => re.test(rel));
  // For command arguments: the same realpath-based check as read_file (a link that
  // leads outside, or to a secret, is what it leads to), plus the path as written.
  const isRiskyArg = (cwd: string) => async (arg: string, base = '.') => {
    const abs = path.resolve(cwd, base, arg);
    const lexical = toWorkspacePath(root, abs);
    if (lexical === undefined) return true;
    const r = await resolveInWorkspace(root, abs);
    if (!r.inside) return true;
    return isSecretRel(r.rel) || isSecretRel(lexical) || isSecretRel(path.basename(arg));
  };

  const remembered = (key: string, a: { action: 'allow' | 'ask' | 'deny' }) => a.action === 'ask' && allowed.has(key);

  return {
    policy,
    secretPatterns,
    rememberSessionAllow(key: string) {
      allowed.add(key);
    },

    async assessCommand(cmd: CommandToAssess): Promise<CommandAssessment> {
      const where = await resolveInWorkspace(root, cmd.cwd);
      if (!where.inside) return { action: 'deny', why: `The working directory is refused: ${where.why}.`, sandboxed: false };
      if (policy === 'full-access') return { action: 'allow', why: 'Full access: runs without a sandbox or prompts.', sandboxed: false };
      const result = await decideCommand(cmd);
      if (remembered(commandKey(cmd), result)) return { ...result, action: 'allow', why: `${result.why} (allowed for this session)` };
      return result;
    },

    async assessRead(p: string): Promise<PathAssessment> {
      const r = await resolveInWorkspace(root, p);
      if (!r.inside) return { action: 'deny', why: `Reading ${p} is refused: ${r.why}.` };
      const lexical = lexicalRel(root, p);
      if (policy !== 'full-access' && (isSecretRel(r.rel) || (lexical !== undefined && isSecretRel(lexical)))) {
        const a: PathAssessment = { action: 'ask', why: `${r.rel} may hold secrets (keys, tokens): reading it needs approval.` };
        return remembered(readKey(r.rel), a) ? { ...a, action: 'allow' } : a;
      }
      return { action: 'allow', why: 'Reads inside the workspace are allowed.' };
    },

    async assessWrite(p: string): Promise<PathAssessment> {
      const r = await resolveInWorkspace(root, p);
      if (!r.inside) return { action: 'deny', why: `Writing ${p} is refused: ${r.why}.` };
      if (policy === 'read-only') return { action: 'deny', why: 'The read-only policy allows no writes.' };
      // The staging area runs the same check on every write; asking first spares the
      // model a failed patch and the user a surprise in review.
      const lexical = lexicalRel(root, p) ?? r.rel;
      const found = await protection.check(root, lexical);
      if (found.refused) return { action: 'deny', why: `${found.refused}.` };
      const label = found.label;
      if (label) {
        if (policy === 'full-access') return { action: 'allow', why: `Staged; ${label} needs an explicit click to apply.`, protected: label };
        const a: PathAssessment = { action: 'ask', why: `${r.rel} is protected (${label}): it never applies without an explicit click.`, protected: label };
        return remembered(writeKey(r.rel), a) ? { ...a, action: 'allow' } : a;
      }
      return { action: 'allow', why: 'Writes are staged for review.' };
    },
  };

  async function decideCommand(cmd: CommandToAssess): Promise<CommandAssessment> {
    const sandbox = await sandboxed();
    if (cmd.escalation) {
      if (policy === 'read-only') return { action: 'deny', why: 'The read-only policy allows no escalation.', sandboxed: true };
      const what = cmd.escalation === 'network' ? 'with network access' : 'outside the sandbox';
      return { action: 'ask', why: `The model asks to run this ${what}.`, sandboxed: cmd.escalation === 'network' && sandbox };
    }
    const isSecretArg = isRiskyArg(cmd.cwd);
    const verdict = await assessKnownSafe(cmd.command, { allowGit: sandbox || options.trusted, isSecretPath: isSecretArg });
    if (verdict.safe) return { action: 'allow', why: `Known safe: ${verdict.reason}.`, sandboxed: sandbox };
    if (policy === 'read-only') return { action: 'deny', why: `The read-only policy only runs known-safe reads; ${verdict.reason}.`, sandboxed: sandbox };
    if (policy === 'untrusted') return { action: 'ask', why: `Not known safe: ${verdict.reason}.`, sandboxed: sandbox };
    // on-request
    if (sandbox) {
      for (const a of verdict.commands?.flatMap((argv) => argv.slice(1)) ?? []) {
        if (!a.startsWith('-') && (await isSecretArg(a))) {
          return { action: 'ask', why: `It would touch ${a}, which may hold secrets or lies outside the workspace.`, sandboxed: true };
        }
      }
      return { action: 'allow', why: 'Runs in the sandbox; its writes are staged for review.', sandboxed: true };
    }
    return { action: 'ask', why: `No sandbox here, and not known safe: ${verdict.reason}.`, sandboxed: false };
  }
}

/** The path as written (symlinks not followed), workspace-relative; undefined outside. */
function lexicalRel(root: string, p: string): string | undefined {
  return toWorkspacePath(root, path.resolve(root, p));
}
