// Known-safe commands whose arguments are not plain GNU options: find's expression,
// test's operators, and git's subcommands (each with its own flag allow list; git's
// parse-options accepts abbreviations, so every flag must be spelled out in full here).
import type { SafetyContext } from './knownSafe';
import { parseArgv, spec } from './argvSpec';

/** The paths among the arguments (for the caller's path check), or why not known safe. */
export type Check = (args: string[], ctx: SafetyContext) => { problem: string } | { paths: string[] };

// ---- find ---------------------------------------------------------------------------

const FIND_NO_ARG = new Set([
  '-print', '-print0', '-ls', '-prune', '-quit', '-true', '-false', '-empty', '-readable', '-writable', '-executable',
  '-nouser', '-nogroup', '-depth', '-d', '-mount', '-xdev', '-noleaf', '-ignore_readdir_race', '-noignore_readdir_race',
  '-daystart', '-not', '!', '-a', '-and', '-o', '-or', '(', ')', ',',
]);
const FIND_TEXT_ARG = new Set([
  '-name', '-iname', '-path', '-ipath', '-wholename', '-iwholename', '-regex', '-iregex', '-lname', '-ilname', '-type', '-xtype',
  '-perm', '-user', '-group', '-uid', '-gid', '-size', '-links', '-inum', '-mtime', '-mmin', '-atime', '-amin', '-ctime', '-cmin',
  '-used', '-maxdepth', '-mindepth', '-regextype', '-printf', '-fstype', '-context',
]);
const FIND_PATH_ARG = new Set(['-newer', '-anewer', '-cnewer', '-samefile']);

/** find [-P] [paths...] [expression]: no -exec/-ok/-delete/-fprint*, no following links (-L, -H, -follow). */
export const findCheck: Check = (args) => {
  const paths: string[] = [];
  let i = 0;
  while (args[i] === '-P') i++;
  for (; i < args.length && !isFindExpression(args[i]); i++) paths.push(args[i]);
  for (; i < args.length; i++) {
    const a = args[i];
    if (FIND_NO_ARG.has(a)) continue;
    const takesArg = FIND_TEXT_ARG.has(a) || FIND_PATH_ARG.has(a) || /^-newer[aBcmt][aBcmt]$/.test(a);
    if (!takesArg) return { problem: `the expression ${a} is not on the known-safe list` };
    const value = args[++i];
    if (value === undefined) return { problem: `${a} needs a value` };
    paths.push(value);
  }
  return { paths };
};

function isFindExpression(a: string): boolean {
  return a.startsWith('-') || a === '(' || a === '!' || a === ',' || a === ')';
}

// ---- test / [ -----------------------------------------------------------------------

const TEST_OPERATOR = /^(-[a-zA-Z]|-(eq|ne|lt|le|gt|ge|nt|ot|ef)|=|==|!=|<|>|!|\(|\)|\])$/;

/** test only looks: its operands are checked as paths (it tells whether they exist). */
export const testCheck: Check = (args) => ({ paths: args.filter((a) => !TEST_OPERATOR.test(a)) });

// ---- git ----------------------------------------------------------------------------

const COLOR = 'always|never|auto|true|false';
const DIFF_FLAGS =
  '-p -u -s -R -a -b -w -z -D -W --patch --no-patch --raw --patch-with-raw --patch-with-stat --numstat --shortstat --summary ' +
  '--name-only --name-status --compact-summary --check --full-index --binary --no-color --no-renames --find-copies-harder ' +
  '--irreversible-delete --pickaxe-all --pickaxe-regex --text --ignore-space-change --ignore-all-space --ignore-blank-lines ' +
  '--ignore-space-at-eol --ignore-cr-at-eol --function-context --minimal --patience --histogram --indent-heuristic ' +
  '--no-indent-heuristic --no-prefix --default-prefix --ita-invisible-in-index --no-ext-diff --no-textconv --exit-code --quiet ' +
  '--cached --staged --merge-base --no-index --stat?=text --dirstat?=text --abbrev?=num --color?=' + COLOR + ' --color-words?=text ' +
  '--word-diff?=color|plain|porcelain|none --color-moved?=text --find-renames?=text --find-copies?=text --break-rewrites?=text ' +
  '--relative?=text --submodule?=text --ignore-submodules?=text -M?=text -C?=text -B?=text -U=num -l=num -S=text -G=text ' +
  '--unified=num --inter-hunk-context=num --diff-filter=text --diff-algorithm=text --word-diff-regex=text --src-prefix=text ' +
  '--dst-prefix=text --line-prefix=text --stat-width=num --stat-count=num --anchored=text';
const LOG_FLAGS =
  '-n=num -NUM -i -E -F -P -g --oneline --graph --all --no-decorate --abbrev-commit --no-abbrev-commit --relative-date --reverse ' +
  '--follow --first-parent --merges --no-merges --topo-order --date-order --author-date-order --left-right --cherry-pick ' +
  '--cherry-mark --boundary --simplify-by-decoration --full-history --dense --sparse --ancestry-path --mailmap --use-mailmap ' +
  '--log-size --walk-reflogs --source --regexp-ignore-case --extended-regexp --fixed-strings --perl-regexp --all-match ' +
  '--invert-grep --full-diff --children --parents --show-pulls --remove-empty --no-walk?=sorted|unsorted ' +
  '--branches?=text --tags?=text --remotes?=text --decorate?=short|full|auto|no --pretty?=text --format=text --date=text ' +
  '--author=text --committer=text --grep=text --since=text --until=text --after=text --before=text --max-count=num --skip=num ' +
  '--min-parents=num --max-parents=num --notes?=text -L=text';

const gitSpec = (text: string, positionals: 'path' | 'none' = 'path'): Check => {
  const s = spec(text);
  return (args) => {
    const parsed = parseArgv(args, s);
    if ('problem' in parsed) return parsed;
    if (positionals === 'none' && parsed.positionals.length) return { problem: 'takes no arguments here' };
    return { paths: [...parsed.values, ...parsed.positionals] };
  };
};

/** Only these exact arguments (the subcommand lists, it does not change anything). */
const onlyWords = (words: string[], what: string): Check => (args) => (args.every((a) => words.includes(a)) ? { paths: [] } : { problem: what });

const GIT_SUBCOMMANDS: Record<string, Check> = {
  status: gitSpec(
    '-s -b -v -z --short --branch --long --verbose --null --show-stash --ahead-behind --no-ahead-behind --renames --no-renames --no-column ' +
      '--porcelain?=v1|v2 --untracked-files?=no|normal|all -u?=no|normal|all --ignored?=traditional|no|matching ' +
      '--ignore-submodules?=none|untracked|dirty|all --column?=text --find-renames?=text',
  ),
  diff: gitSpec(DIFF_FLAGS),
  log: gitSpec(`${DIFF_FLAGS} ${LOG_FLAGS}`),
  show: gitSpec(`${DIFF_FLAGS} ${LOG_FLAGS}`),
  shortlog: gitSpec('-n -s -e -c --numbered --summary --email --committer --no-merges --all -w?=text --format=text --group=text --since=text --until=text --author=text'),
  blame: gitSpec(
    '-b -c -l -t -s -n -f -p -e -w --root --show-stats --porcelain --line-porcelain --incremental --show-name --show-number --show-email ' +
      '--minimal --first-parent --color-lines --color-by-age --progress --no-progress --abbrev=num --date=text --encoding=text ' +
      '--ignore-rev=text -L=text -M?=text -C?=text --contents=path --ignore-revs-file=path -S=path',
  ),
  'ls-files': gitSpec(
    '-c -d -m -o -i -s -k -u -z -t -v -f --cached --deleted --modified --others --ignored --stage --killed --unmerged --directory ' +
      '--no-empty-directory --error-unmatch --full-name --recurse-submodules --exclude-standard --eol --deduplicate --debug --sparse ' +
      '--abbrev?=num -x=text -X=path --exclude=text --exclude-from=path --exclude-per-directory=text --format=text',
  ),
  'rev-parse': gitSpec(
    '-q --verify --quiet --symbolic --symbolic-full-name --git-dir --git-common-dir --absolute-git-dir --show-toplevel --show-prefix ' +
      '--show-cdup --is-inside-work-tree --is-inside-git-dir --is-bare-repository --is-shallow-repository ' +
      '--show-superproject-working-tree --all --sq --not --revs-only --no-revs --flags --no-flags --local-env-vars --short?=num ' +
      '--abbrev-ref?=strict|loose --branches?=text --tags?=text --remotes?=text --glob=text --default=text --path-format=absolute|relative ' +
      '--show-object-format?=storage|input|output --since=text --until=text',
  ),
  branch: onlyWords(['-a', '-r', '-v', '-vv', '--list', '--all', '--remotes', '--show-current', '--no-color'], 'only lists branches'),
  remote: onlyWords(['-v'], 'only lists remotes'),
  tag: onlyWords(['-l', '--list'], 'only lists tags'),
};

export const gitCheck: Check = (args, ctx) => {
  if (!ctx.allowGit) return { problem: 'git runs repository-configured helpers (hooks, fsmonitor, diff drivers) and this workspace is not trusted' };
  let i = 0;
  while (args[i] === '--no-pager' || args[i] === '-P') i++;
  const sub = args[i];
  if (!sub || sub.startsWith('-')) return { problem: 'git global options are not allowed' };
  const check = Object.hasOwn(GIT_SUBCOMMANDS, sub) ? GIT_SUBCOMMANDS[sub] : undefined;
  if (!check) return { problem: `git ${sub} is not on the read-only list` };
  const r = check(args.slice(i + 1), ctx);
  return 'problem' in r ? { problem: `${sub}: ${r.problem}` } : r;
};
