// The known-safe allow-list: commands that only read, with the flags that would make
// them write, execute something or reach out refused. Command names must be bare
// (no "/": `./cat` or `/tmp/cat` is whatever the workspace put there). Arguments naming
// a secret (the read policy's deny list) make the command ask like a secret read.
import type { SafetyContext } from './knownSafe';

type Check = (args: string[], ctx: SafetyContext) => string | undefined;

const noArgs: Check = (args) => (args.length ? 'takes no arguments here' : undefined);
const any: Check = () => undefined;

function refuseFlags(...bad: (string | RegExp)[]): Check {
  return (args) => {
    for (const a of args) {
      for (const b of bad) {
        if (typeof b === 'string' ? a === b || a.startsWith(`${b}=`) : b.test(a)) return `the flag ${a} is not allowed`;
      }
    }
    return undefined;
  };
}

const findCheck = refuseFlags('-exec', '-execdir', '-ok', '-okdir', '-delete', '-fprint', '-fprint0', '-fprintf', '-fls');
const rgCheck = refuseFlags('--pre', '--pre-glob', '-z', '--search-zip', /^-[a-zA-Z]*z/, '--no-ignore', /^--no-ignore-/, /^-u+$/, '--hidden', '--follow', '-L');
const grepCheck = refuseFlags('-r', '-R', '--recursive', '--dereference-recursive', /^-[a-zA-Z]*[rR]/, '-d', '--directories');
const sortCheck = refuseFlags('-o', '--output', /^-[a-zA-Z]*o/, '--compress-program', '-T', '--temporary-directory');
const treeCheck = refuseFlags('-o', '-R');

/** uniq writes its second positional argument, so allow at most one. */
const uniqCheck: Check = (args) => (args.filter((a) => !a.startsWith('-')).length > 1 ? 'uniq would write its output file' : undefined);

const GIT_BAD = refuseFlags(
  '--output',
  /^--output-directory/,
  '-o',
  '--ext-diff',
  '--textconv',
  '--exec',
  /^--exec-path/,
  '--upload-pack',
  '--receive-pack',
  '-O',
  '--open-files-in-pager',
  '-c',
  '--config-env',
  /^--git-dir/,
  /^--work-tree/,
  '-C',
  '--paginate',
);

const GIT_SUBCOMMANDS: Record<string, Check> = {
  status: any,
  diff: any,
  log: any,
  show: any,
  blame: any,
  'ls-files': any,
  'rev-parse': any,
  shortlog: any,
  branch: (args) => (args.every((a) => ['-a', '-r', '-v', '-vv', '--list', '--all', '--remotes', '--show-current', '--no-color'].includes(a)) ? undefined : 'only lists branches'),
  remote: (args) => (args.every((a) => a === '-v') ? undefined : 'only lists remotes'),
  tag: (args) => (args.every((a) => a === '-l' || a === '--list') ? undefined : 'only lists tags'),
};

const gitCheck: Check = (args, ctx) => {
  if (!ctx.allowGit) return 'git runs repository-configured helpers (hooks, fsmonitor, diff drivers) and this workspace is not trusted';
  let i = 0;
  while (args[i] === '--no-pager') i++;
  const sub = args[i];
  if (!sub || sub.startsWith('-')) return 'git global options are not allowed';
  const check = GIT_SUBCOMMANDS[sub];
  if (!check) return `git ${sub} is not on the read-only list`;
  const rest = args.slice(i + 1);
  const flagged = GIT_BAD(rest, ctx);
  return flagged ?? check(rest, ctx);
};

const COMMANDS: Record<string, Check> = {
  ls: any,
  cat: any,
  head: any,
  tail: refuseFlags('-f', '-F', '--follow', /^-[a-zA-Z]*[fF]/),
  wc: refuseFlags('--files0-from'),
  pwd: any,
  echo: any,
  true: any,
  false: any,
  cd: any,
  test: any,
  '[': any,
  basename: any,
  dirname: any,
  realpath: any,
  readlink: any,
  stat: any,
  file: refuseFlags('-C', '--compile', '-m', '--magic-file'),
  du: refuseFlags('--files0-from'),
  df: any,
  nl: any,
  cut: any,
  tr: any,
  rev: any,
  cmp: any,
  diff: refuseFlags('--to-file', '--from-file'),
  which: any,
  type: any,
  uname: any,
  whoami: noArgs,
  id: any,
  date: noArgs,
  tree: treeCheck,
  sort: sortCheck,
  uniq: uniqCheck,
  grep: grepCheck,
  egrep: grepCheck,
  fgrep: grepCheck,
  rg: rgCheck,
  find: findCheck,
  git: gitCheck,
};

/** Undefined when the simple command is known safe; otherwise why not. */
export function checkArgv(argv: string[], ctx: SafetyContext): string | undefined {
  const [name, ...args] = argv;
  if (!name) return 'a command without a name';
  if (name.includes('/')) return `"${name}" is a path: it runs whatever file is there`;
  const check = COMMANDS[name];
  if (!check) return `${name} is not on the known-safe list`;
  const problem = check(args, ctx);
  if (problem) return `${name}: ${problem}`;
  if (ctx.isSecretPath) {
    for (const a of args) {
      if (!a.startsWith('-') && ctx.isSecretPath(a)) return `${name} would touch ${a} (a secret, or outside the workspace)`;
    }
  }
  return undefined;
}
