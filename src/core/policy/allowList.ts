// The known-safe allow list: commands that only read, each with the flags it may take
// (argvSpec.ts: anything else, an abbreviation included, makes it not known safe).
// Flags that write (sort -o, tree -o, file -C), run programs (rg --pre, sort
// --compress-program, file -z), follow links out (-L, --follow, --dereference) or read
// a file named elsewhere than in a checked argument (--files0-from) are simply absent.
// Command names must be bare (no "/": `./cat` or `/tmp/cat` is whatever the workspace
// put there). Every path-like value is returned for the caller's realpath-based check.
import type { SafetyContext } from './knownSafe';
import { parseArgv, spec } from './argvSpec';
import { findCheck, gitCheck, testCheck, type Check } from './allowListSpecial';

export type { Check } from './allowListSpecial';

/** What the arguments are: files (checked), or words the command never opens. */
type Positionals = 'path' | 'inert';

function flags(text: string, positionals: Positionals = 'path', maxPositionals = Infinity): Check {
  const s = spec(text);
  return (args) => {
    const parsed = parseArgv(args, s);
    if ('problem' in parsed) return parsed;
    if (parsed.positionals.length > maxPositionals) {
      return { problem: maxPositionals === 0 ? 'takes no arguments here' : `takes at most ${maxPositionals} argument${maxPositionals === 1 ? '' : 's'} here (another would be written)` };
    }
    return { paths: [...parsed.values, ...(positionals === 'path' ? parsed.positionals.filter((p) => p !== '-') : [])] };
  };
}

const inert: Check = () => ({ paths: [] });

const COLOR = 'auto|always|never';

const LS = flags(
  '-a -A -b -B -c -C -d -f -F -g -G -h -i -k -l -m -n -N -o -p -q -Q -r -R -s -S -t -u -U -v -x -X -Z -1 -I=text -w=num -T=num ' +
    '--all --almost-all --author --escape --ignore-backups --directory --classify?=' + COLOR + ' --file-type --full-time --group-directories-first ' +
    '--no-group --human-readable --si --inode --kibibytes --literal --numeric-uid-gid --hide-control-chars --show-control-chars --quote-name ' +
    '--reverse --recursive --size --context --zero --color?=' + COLOR + ' --hyperlink?=' + COLOR + ' --block-size=text --format=text ' +
    '--hide=text --ignore=text --indicator-style=text --quoting-style=text --sort=text --time=text --time-style=text --tabsize=num --width=num',
);
const HEAD_TAIL = flags('-q -v -z -n=num -c=num -NUM --quiet --silent --verbose --zero-terminated --lines=num --bytes=num');
const GREP = flags(
  '-E -F -G -P -i -y -v -w -x -c -l -L -o -q -s -b -H -h -n -T -Z -z -a -I -U -e=text -f=path -m=num -A=num -B=num -C=num -NUM ' +
    '--extended-regexp --fixed-strings --basic-regexp --perl-regexp --ignore-case --no-ignore-case --invert-match --word-regexp --line-regexp ' +
    '--count --files-with-matches --files-without-match --only-matching --quiet --silent --no-messages --byte-offset --with-filename ' +
    '--no-filename --line-number --initial-tab --null --null-data --text --binary --line-buffered --regexp=text --file=path --max-count=num ' +
    '--after-context=num --before-context=num --context=num --color?=' + COLOR + ' --colour?=' + COLOR + ' --binary-files=binary|text|without-match ' +
    '--label=text --include=text --exclude=text --exclude-dir=text --exclude-from=path',
);
const RG = flags(
  '-a -c -F -H -h -i -I -l -n -N -o -p -P -q -s -S -U -v -w -x -0 -e=text -f=path -g=text -t=text -T=text -m=num -A=num -B=num -C=num ' +
    '-M=num -j=num -r=text -d=num -E=text ' +
    '--json --files --count --count-matches --files-with-matches --files-without-match --fixed-strings --ignore-case --smart-case ' +
    '--case-sensitive --word-regexp --line-regexp --invert-match --only-matching --line-number --no-line-number --column --no-column ' +
    '--heading --no-heading --with-filename --no-filename --vimgrep --trim --stats --multiline --multiline-dotall --pcre2 --null ' +
    '--null-data --passthru --text --binary --no-messages --quiet --pretty --no-config --type-list --crlf --one-file-system --no-unicode ' +
    '--byte-offset --glob-case-insensitive --max-columns-preview --no-ignore-messages --sort-files ' +
    '--regexp=text --file=path --glob=text --iglob=text --type=text --type-not=text --type-add=text --max-count=num --max-depth=num ' +
    '--max-filesize=text --max-columns=num --after-context=num --before-context=num --context=num --context-separator=text ' +
    '--field-match-separator=text --field-context-separator=text --path-separator=text --color=' + COLOR + '|ansi --colors=text ' +
    '--sort=text --sortr=text --replace=text --threads=num --engine=default|pcre2|auto --encoding=text --ignore-file=path',
);
const SORT = flags(
  '-b -d -f -g -i -M -h -n -R -r -V -c -C -m -s -u -z -k=text -t=text -S=text ' +
    '--ignore-leading-blanks --dictionary-order --ignore-case --general-numeric-sort --ignore-nonprinting --month-sort ' +
    '--human-numeric-sort --numeric-sort --random-sort --reverse --version-sort --merge --stable --unique --zero-terminated --debug ' +
    '--check?=text --sort=text --key=text --field-separator=text --buffer-size=text --parallel=num',
);
const DIFF = flags(
  '-a -b -B -c -d -E -i -N -p -q -r -s -t -T -u -w -y -W=num -U=num -C=num -x=text -X=path -I=text -D=text -l ' +
    '--text --ignore-space-change --ignore-blank-lines --ignore-case --new-file --show-c-function --brief --recursive ' +
    '--report-identical-files --expand-tabs --initial-tab --unified?=num --context?=num --side-by-side --ignore-all-space ' +
    '--ignore-tab-expansion --ignore-trailing-space --strip-trailing-cr --minimal --speed-large-files --suppress-common-lines ' +
    '--left-column --normal --no-dereference --color?=' + COLOR + ' --width=num --exclude=text --exclude-from=path --label=text ' +
    '--ignore-matching-lines=text --ifdef=text --show-function-line=text --tabsize=num',
);

const COMMANDS: Record<string, Check> = {
  ls: LS,
  cat: flags('-A -b -e -E -n -s -t -T -u -v --show-all --number-nonblank --show-ends --number --squeeze-blank --show-tabs --show-nonprinting'),
  head: HEAD_TAIL,
  tail: HEAD_TAIL,
  wc: flags('-c -l -m -w -L --bytes --chars --lines --words --max-line-length --total=auto|always|only|never'),
  pwd: flags('-L -P', 'path', 0),
  echo: inert,
  true: inert,
  false: inert,
  test: testCheck,
  '[': testCheck,
  basename: flags('-a -z -s=text --multiple --zero --suffix=text', 'inert'),
  dirname: flags('-z --zero', 'inert'),
  realpath: flags('-e -L -m -P -q -s -z --canonicalize-existing --canonicalize-missing --logical --physical --quiet --strip --no-symlinks --zero --relative-to=path --relative-base=path'),
  readlink: flags('-f -e -m -n -q -s -v -z --canonicalize --canonicalize-existing --canonicalize-missing --no-newline --quiet --silent --verbose --zero'),
  stat: flags('-f -t -c=text --file-system --terse --format=text --printf=text --cached=always|never|default'),
  file: flags(
    '-b -E -h -i -k -n -N -r -s -0 -e=text -F=text -P=text -f=path --brief --extension --no-dereference --mime --mime-type --mime-encoding ' +
      '--keep-going --no-buffer --no-pad --print0 --raw --special-files --exclude=text --exclude-quiet=text --separator=text --parameter=text --files-from=path',
  ),
  du: flags(
    '-a -b -c -h -k -l -m -s -S -x -0 -d=num -t=text -B=text -X=path --all --apparent-size --bytes --total --human-readable --si ' +
      '--summarize --separate-dirs --one-file-system --null --count-links --inodes --max-depth=num --threshold=text --block-size=text ' +
      '--exclude=text --exclude-from=path --time?=text --time-style=text',
  ),
  df: flags('-a -h -H -i -k -l -P -T -v -t=text -x=text -B=text --all --human-readable --si --inodes --local --portability --print-type --total --sync --no-sync --output?=text --type=text --exclude-type=text --block-size=text'),
  nl: flags('-p -b=text -d=text -f=text -h=text -i=num -l=num -n=text -s=text -v=num -w=num --no-renumber --body-numbering=text --section-delimiter=text --footer-numbering=text --header-numbering=text --line-increment=num --join-blank-lines=num --number-format=text --number-separator=text --starting-line-number=num --number-width=num'),
  cut: flags('-n -s -z -b=text -c=text -d=text -f=text --complement --only-delimited --zero-terminated --bytes=text --characters=text --delimiter=text --fields=text --output-delimiter=text'),
  tr: flags('-c -C -d -s -t --complement --delete --squeeze-repeats --truncate-set1', 'inert'),
  rev: flags('-0 --zero'),
  cmp: flags('-b -l -s -i=text -n=num --print-bytes --verbose --quiet --silent --ignore-initial=text --bytes=num'),
  diff: DIFF,
  which: flags('-a -s'),
  type: flags('-a -f -p -t -P'),
  uname: flags('-a -s -n -r -v -m -p -i -o --all --kernel-name --nodename --kernel-release --kernel-version --machine --processor --hardware-platform --operating-system', 'path', 0),
  whoami: flags('', 'path', 0),
  id: flags('-a -g -G -n -r -u -z --group --groups --name --real --user --zero'),
  date: dateCheck(),
  tree: flags(
    '-a -d -f -i -q -N -Q -p -u -g -s -h -D -F -v -t -c -U -r -C -n -x -A -S -J -X -L=num -P=text -I=text ' +
      '--du --si --noreport --dirsfirst --filesfirst --gitignore --prune --matchdirs --ignore-case --inodes --device --info --metafirst ' +
      '--charset=text --filelimit=num --sort=text --timefmt=text',
  ),
  sort: SORT,
  uniq: flags('-c -d -D -i -u -z -f=num -s=num -w=num --count --repeated --all-repeated?=text --group?=text --ignore-case --unique --zero-terminated --skip-fields=num --skip-chars=num --check-chars=num', 'path', 1),
  grep: GREP,
  egrep: GREP,
  fgrep: GREP,
  rg: RG,
  find: findCheck,
  git: gitCheck,
};

/** date reads the clock; a positional that is not a +FORMAT would set it. */
function dateCheck(): Check {
  const check = flags('-u -R -I?=text -d=text -r=path --utc --universal --rfc-email --iso-8601?=text --rfc-3339=date|seconds|ns --date=text --reference=path', 'inert');
  return (args, ctx) => {
    const r = check(args, ctx);
    if ('problem' in r) return r;
    const setting = args.find((a) => !a.startsWith('-') && !a.startsWith('+') && !args.some((o, i) => /^(-d|--date|-r|--reference)$/.test(o) && args[i + 1] === a));
    return setting ? { problem: `"${setting}" would set the clock` } : r;
  };
}

/** The argv's paths to check, or why the simple command is not known safe. */
export function checkArgv(argv: string[], ctx: SafetyContext): { problem: string } | { paths: string[] } {
  const [name, ...args] = argv;
  if (!name) return { problem: 'a command without a name' };
  if (name.includes('/')) return { problem: `"${name}" is a path: it runs whatever file is there` };
  const check = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!check) return { problem: `${name} is not on the known-safe list` };
  const r = check(args, ctx);
  return 'problem' in r ? { problem: `${name}: ${r.problem}` } : r;
}
