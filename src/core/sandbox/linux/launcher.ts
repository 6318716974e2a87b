// The Linux launcher: the command lines that build the sandbox. Two stages:
//  1. `unshare --user --map-root-user --mount` (outer): inside a fresh user + mount
//     namespace, mount an overlay of [staged layer, ownership-fix layer, workspace] with a
//     per-command upper dir. Debian 12's bubblewrap (0.8) has no --overlay, so we mount it.
//  2. `bwrap` (inner) over that overlay: new pid/net/ipc/uts namespaces, the whole host
//     filesystem read-only, fresh /dev and /proc, private /tmp and home, the merged view
//     bound read-write at the workspace path with `.git` read-only, every capability and
//     the bounding set dropped, no_new_privs (bwrap sets it), own session (no TIOCSTI).
// After bwrap exits the outer stage lists the merged directories that have entries in
// the upper dir, so deletions (whiteouts, opaque dirs) are read without xattr tools.
// Every value reaches the scripts as a positional argument, never spliced into code.
// Both stages run `bash --noprofile --norc -p` (shell/startup.ts): the outer stage's stdin
// is the socket carrying the deletions, which would otherwise make bash source ~/.bashrc.

import { BASH_LAUNCHER } from '../../shell/startup';
import { isInsideRoot } from '../../util/paths';

/** Outer stage script; args: lower upper work merged listing cgroup -- bwrap args... */
export const OUTER_SCRIPT = `set -u
lower=$1 upper=$2 work=$3 merged=$4 listing=$5 cg=$6
shift 6
# A handler (not an ignore, which exec would inherit) so a SIGTERM to the group stops
# bwrap but this stage lives on to report what the command changed.
trap ':' TERM INT HUP
if [ -n "$cg" ]; then echo $$ > "$cg/cgroup.procs" 2>/dev/null || true; fi
opts="lowerdir=$lower,upperdir=$upper,workdir=$work"
if ! mount -t overlay tandem -o "userxattr,$opts" "$merged" 2>/dev/null; then
  if ! mount -t overlay tandem -o "$opts" "$merged"; then
    echo "tandem-sandbox: cannot mount the overlay (overlayfs in a user namespace)" >&2
    exit 125
  fi
fi
bwrap "$@"
rc=$?
# (find's errors, e.g. paths past PATH_MAX, are left to the import to report)
( cd "$upper" && find . -type d -print0 2>/dev/null ) | while IFS= read -r -d '' d; do
  printf 'D%s\\0' "$d"
  find "$merged/$d" -mindepth 1 -maxdepth 1 -printf 'E%f\\0' 2>/dev/null
done > "$listing"
exit $rc
`;

/**
 * Inner script (runs confined). fd 3 tells the parent the sandbox is up; stdin carries
 * the staged deletions (NUL-separated, workspace-relative), applied inside the overlay
 * so they become whiteouts; then the command runs with stdin from /dev/null.
 * args: workspaceRoot cwd pidsLimit command...
 */
export const INNER_SCRIPT = `printf started >&3
exec 3>&-
cd -- "$1" || exit 125
while IFS= read -r -d '' p; do rm -rf -- "./$p" 2>/dev/null; done
cd -- "$2" || { echo "tandem-sandbox: no such directory: $2" >&2; exit 125; }
if [ "$3" != 0 ]; then ulimit -u "$3" 2>/dev/null; fi
shift 3
exec "$@" </dev/null
`;

export const PROC_READ_ONLY = ['/proc/sys', '/proc/sysrq-trigger', '/proc/irq', '/proc/bus', '/proc/acpi', '/proc/fs', '/proc/scsi'];

export interface BwrapPlan {
  workspaceRoot: string;
  merged: string;
  cwd: string;
  network: boolean;
  /** Directories replaced by an empty tmpfs (homes, /run...). */
  hiddenDirs: string[];
  /** Files replaced by /dev/null. */
  hiddenFiles: string[];
  /** Paths re-exposed read-only inside hidden dirs (toolchains under ~). */
  readOnlyPaths: string[];
  hasGitDir: boolean;
  /** RLIMIT_NPROC for non-root (0: none; root uses a pids cgroup instead). */
  nprocLimit: number;
  command: string[];
}

export function bwrapArgs(plan: BwrapPlan): string[] {
  // A nested user namespace with further ones disabled: no `unshare -r` to regain caps.
  const a: string[] = ['--unshare-all', '--unshare-user', '--disable-userns', '--uid', '0', '--gid', '0'];
  if (plan.network) a.push('--share-net');
  a.push('--die-with-parent', '--new-session', '--cap-drop', 'ALL');
  a.push('--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc');
  // Sysctls and friends check the global uid, not capabilities: as root (CI) a fresh
  // /proc/sys is writable (core_pattern = host code execution). Cover them read-only.
  for (const p of PROC_READ_ONLY) a.push('--ro-bind-try', p, p);
  // What is hidden inside the workspace (Tandem's storage folder, say) is covered after
  // the workspace is bound, or the bind would show it again.
  const within = (p: string) => p !== plan.workspaceRoot && isInsideRoot(plan.workspaceRoot, p);
  const hide = (dirs: string[], files: string[]) => {
    for (const d of dirs) a.push('--tmpfs', d);
    for (const f of files) a.push('--ro-bind', '/dev/null', f);
  };
  hide(plan.hiddenDirs.filter((d) => !within(d)), plan.hiddenFiles.filter((f) => !within(f)));
  for (const p of plan.readOnlyPaths) a.push('--ro-bind', p, p);
  a.push('--bind', plan.merged, plan.workspaceRoot);
  if (plan.hasGitDir) a.push('--ro-bind', `${plan.merged}/.git`, `${plan.workspaceRoot}/.git`);
  hide(plan.hiddenDirs.filter(within), plan.hiddenFiles.filter(within));
  a.push('--chdir', plan.workspaceRoot);
  a.push('--', '/bin/bash', ...BASH_LAUNCHER, '-c', INNER_SCRIPT, 'tandem-inner', plan.workspaceRoot, plan.cwd, String(plan.nprocLimit));
  a.push(...plan.command);
  return a;
}

export function unshareArgs(outer: {
  lower: string;
  upper: string;
  work: string;
  merged: string;
  listing: string;
  cgroup: string;
}, bwrap: string[]): string[] {
  return [
    '--user',
    '--map-root-user',
    '--mount',
    '--propagation',
    'private',
    '--',
    '/bin/bash',
    ...BASH_LAUNCHER,
    '-c',
    OUTER_SCRIPT,
    'tandem-outer',
    outer.lower,
    outer.upper,
    outer.work,
    outer.merged,
    outer.listing,
    outer.cgroup,
    ...bwrap,
  ];
}

/** overlayfs option values cannot carry these safely through mount(8): refuse them. */
export function checkMountablePath(p: string): void {
  if (/[,:\\\n]/.test(p)) {
    throw new Error(`The sandbox cannot mount "${p}": the path contains a comma, colon, backslash or newline.`);
  }
}

/** Parses the outer stage's listing: directory (relative, '' for root) -> entry names. */
export function parseListing(text: string): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  let current: Set<string> | undefined;
  for (const rec of text.split('\0')) {
    if (!rec) continue;
    if (rec[0] === 'D') {
      const rel = rec.slice(1).replace(/^\.\/?/, '');
      current = new Set();
      map.set(rel, current);
    } else if (rec[0] === 'E' && current) {
      current.add(rec.slice(1));
    }
  }
  return map;
}
