// Flag allow lists for known-safe commands, and the parser that holds arguments to them.
// A spec is written as the flags a command accepts, e.g.
//   '-a -l -n=num --all --lines=num --color?=auto|always|never'
//   -x          short flag                -x=KIND      short option with a value
//   -x?=KIND    value only stuck (-xVAL)  --long       long flag
//   --long=KIND value after = or next     --long?=KIND value only after =
//   -NUM        numeric shorthand (head -5)
// KIND is `path`, `text`, `num` or a `|` list of words. The parser follows GNU getopt:
// short flags combine (-la), a short option's value may be stuck (-n5) or the next
// argument, `--` ends options. It never guesses: a long option must be spelled out in
// full (GNU and git accept unambiguous abbreviations, so `--outp` would be `--output`),
// and any flag not in the spec makes the command not known safe. Every value of kind
// path or text, and every positional, is returned for the realpath-based path check.

export type ValueKind = { type: 'path' | 'text' | 'num' } | { type: 'enum'; words: string[] };

export interface ArgvSpec {
  shortFlags: Set<string>;
  shortValue: Map<string, ValueKind>;
  shortStuck: Map<string, ValueKind>;
  longFlags: Set<string>;
  longValue: Map<string, ValueKind>;
  longOptional: Map<string, ValueKind>;
  numeric: boolean;
}

export function spec(text: string): ArgvSpec {
  const s: ArgvSpec = { shortFlags: new Set(), shortValue: new Map(), shortStuck: new Map(), longFlags: new Set(), longValue: new Map(), longOptional: new Map(), numeric: false };
  for (const token of text.split(/\s+/).filter(Boolean)) {
    if (token === '-NUM') {
      s.numeric = true;
      continue;
    }
    const m = /^(--?)([^=?]+)(\?)?(?:=(.+))?$/.exec(token);
    if (!m) throw new Error(`bad flag spec "${token}"`);
    const [, dashes, name, optional, kindText] = m;
    const kind = kindText === undefined ? undefined : parseKind(kindText);
    if (dashes === '-') {
      if (name.length !== 1) throw new Error(`bad short flag "${token}"`);
      if (!kind) s.shortFlags.add(name);
      else (optional ? s.shortStuck : s.shortValue).set(name, kind);
    } else {
      const flag = `--${name}`;
      if (!kind) s.longFlags.add(flag);
      else (optional ? s.longOptional : s.longValue).set(flag, kind);
    }
  }
  return s;
}

function parseKind(text: string): ValueKind {
  if (text === 'path' || text === 'text' || text === 'num') return { type: text };
  return { type: 'enum', words: text.split('|') };
}

export interface ParsedArgv {
  /** Arguments that are not options (after `--` too). */
  positionals: string[];
  /** Option values of kind path or text: each gets the path check. */
  values: string[];
}

/** The arguments as the spec reads them, or why they are not known safe. */
export function parseArgv(args: readonly string[], s: ArgvSpec): ParsedArgv | { problem: string } {
  const out: ParsedArgv = { positionals: [], values: [] };
  const take = (flag: string, kind: ValueKind, value: string | undefined): string | undefined => {
    if (value === undefined) return `${flag} needs a value`;
    if (kind.type === 'num') return /^[+-]?\d+[a-zA-Z]*$/.test(value) ? undefined : `${flag} takes a number (got "${value}")`;
    if (kind.type === 'enum') return kind.words.includes(value) ? undefined : `${flag}=${value} is not one of ${kind.words.join(', ')}`;
    out.values.push(value);
    return undefined;
  };
  let endOfOptions = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (endOfOptions || a === '-' || !a.startsWith('-')) {
      out.positionals.push(a);
      continue;
    }
    if (a === '--') {
      endOfOptions = true;
      continue;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const flag = eq < 0 ? a : a.slice(0, eq);
      const inline = eq < 0 ? undefined : a.slice(eq + 1);
      let problem: string | undefined;
      if (s.longFlags.has(flag)) problem = inline === undefined ? undefined : `${flag} takes no value`;
      else if (s.longValue.has(flag)) problem = take(flag, s.longValue.get(flag)!, inline ?? args[++i]);
      else if (s.longOptional.has(flag)) problem = inline === undefined ? undefined : take(flag, s.longOptional.get(flag)!, inline);
      else problem = `the option ${flag} is not on the known-safe list (options must be spelled out in full)`;
      if (problem) return { problem };
      continue;
    }
    if (s.numeric && /^-\d+$/.test(a)) continue;
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if (s.shortFlags.has(c)) continue;
      const rest = a.slice(j + 1);
      let problem: string | undefined;
      if (s.shortValue.has(c)) problem = take(`-${c}`, s.shortValue.get(c)!, rest === '' ? args[++i] : rest);
      else if (s.shortStuck.has(c)) problem = rest === '' ? undefined : take(`-${c}`, s.shortStuck.get(c)!, rest);
      else problem = `the flag -${c}${a.length > 2 ? ` (in ${a})` : ''} is not on the known-safe list`;
      if (problem) return { problem };
      break; // a value, or the stuck value, took the rest of the word
    }
  }
  return out;
}
