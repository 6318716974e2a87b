// "Known safe" = the command provably only reads. Decided on the parse tree, never on
// the raw text: the whole program must be plain simple commands joined by &&, ||, ;,
// | or newlines; every word a literal (bare word, '…' or "…" with no expansion); no
// redirections except to /dev/null or fd duplication; no assignments, substitutions,
// globs, `~`, braces, heredocs; each command on the allow-list with allow-listed flags
// (see allowList.ts); and every path-like value passing the caller's path check from
// every folder a `cd` may have moved to. Anything else, including what does not parse,
// is not known safe.
import path from 'node:path';
import { parseBash, type SyntaxNode } from './shellParse';
import { checkArgv } from './allowList';

export interface SafetyVerdict {
  safe: boolean;
  /** Plain sentence: why not (or "only reads"). */
  reason: string;
  /** The literal argv of each simple command, when it parsed into plain words. */
  commands?: string[][];
}

export interface SafetyContext {
  /** Whether git may run its repository-configured helpers without asking. */
  allowGit: boolean;
  /**
   * True when a path-like argument names a secret or leads outside the workspace (the
   * caller's read policy, realpath-based), `arg` taken relative to `base`: "." for the
   * command's cwd, or a folder a `cd` went to (relative to the cwd, or absolute).
   */
  isSecretPath?: (arg: string, base: string) => boolean | Promise<boolean>;
}

/** `cd` chains multiply the folders a path is checked from; beyond this, ask. */
const MAX_DIRS = 16;

class NotSafe extends Error {}

export async function assessKnownSafe(command: string, ctx: SafetyContext): Promise<SafetyVerdict> {
  if (!command.trim()) return { safe: false, reason: 'the command is empty' };
  if (command.length > 4000) return { safe: false, reason: 'the command is too long to check' };
  let tree;
  try {
    tree = await parseBash(command);
  } catch (err) {
    return { safe: false, reason: `the command could not be parsed (${(err as Error).message})` };
  }
  try {
    const root = tree.rootNode;
    if (root.hasError) return { safe: false, reason: 'the command does not parse as plain shell' };
    const commands: string[][] = [];
    collect(root, commands);
    if (!commands.length) return { safe: false, reason: 'no command found' };
    const problem = await checkCommands(commands, ctx);
    if (problem) return { safe: false, reason: problem, commands };
    return { safe: true, reason: 'only reads (known-safe commands)', commands };
  } catch (err) {
    if (err instanceof NotSafe) return { safe: false, reason: err.message };
    throw err;
  } finally {
    tree.delete();
  }
}

/** Why the commands are not known safe, or undefined. */
async function checkCommands(commands: string[][], ctx: SafetyContext): Promise<string | undefined> {
  // Where later commands may run: a `cd` applies to what follows (or not: `cd x | ls`,
  // a failed cd), so paths are checked from every folder reached so far.
  let dirs = ['.'];
  const risky = async (arg: string): Promise<boolean> => {
    if (!ctx.isSecretPath) return false;
    for (const d of dirs) if (await ctx.isSecretPath(arg, d)) return true;
    return false;
  };
  for (const argv of commands) {
    if (argv[0] === 'cd') {
      const target = argv[1];
      if (argv.length !== 2 || target === '-' || target.startsWith('-')) return 'cd: only `cd FOLDER` is known safe (not cd alone, cd -, or options)';
      if (await risky(target)) return `cd ${target} leaves the workspace (or names a secret)`;
      dirs = [...new Set([...dirs, ...dirs.map((d) => (path.isAbsolute(target) ? target : path.join(d, target)))])];
      if (dirs.length > MAX_DIRS) return 'too many cd to follow';
      continue;
    }
    const r = checkArgv(argv, ctx);
    if ('problem' in r) return r.problem;
    for (const p of r.paths) {
      if (await risky(p)) return `${argv[0]} would touch ${p} (a secret, or outside the workspace)`;
    }
  }
  return undefined;
}

const SEPARATORS = new Set([';', '&&', '||', '|', '\n']);

function collect(node: SyntaxNode, out: string[][]): void {
  switch (node.type) {
    case 'program':
    case 'list':
    case 'pipeline':
      for (const child of node.children) {
        if (!child) continue;
        if (!child.isNamed) {
          if (!SEPARATORS.has(child.type)) throw new NotSafe(`"${child.type}" is not allowed (only ; && || | join commands)`);
          continue;
        }
        if (child.type === 'comment') continue;
        collect(child, out);
      }
      return;
    case 'redirected_statement':
      for (const r of node.childrenForFieldName('redirect')) {
        if (r) checkRedirect(r);
      }
      {
        const body = node.childForFieldName('body');
        if (!body) throw new NotSafe('a redirection without a command');
        collect(body, out);
      }
      return;
    case 'command':
      out.push(commandArgv(node));
      return;
    default:
      throw new NotSafe(`${describe(node.type)} is not allowed in a known-safe command`);
  }
}

function describe(type: string): string {
  const names: Record<string, string> = {
    command_substitution: 'command substitution',
    process_substitution: 'process substitution',
    subshell: 'a subshell',
    compound_statement: 'a { } group',
    variable_assignment: 'a variable assignment',
    function_definition: 'a function definition',
    heredoc_redirect: 'a heredoc',
    negated_command: 'a negated command',
  };
  return names[type] ?? `"${type}"`;
}

function checkRedirect(r: SyntaxNode): void {
  if (r.type !== 'file_redirect') throw new NotSafe(`${describe(r.type)} is not allowed`);
  const dest = r.childForFieldName('destination');
  const op = r.children.filter((c) => c && !c.isNamed).map((c) => c!.type).join('');
  if (!dest || (dest.type !== 'word' && dest.type !== 'number')) throw new NotSafe('redirection to a computed target is not allowed');
  const target = dest.text;
  if ((op === '>&' || op === '<&') && /^([0-9]+|-)$/.test(target)) return;
  if (['>', '>>', '&>', '&>>', '>&', '>|'].includes(op) && target === '/dev/null') return;
  throw new NotSafe(`redirection "${op}${target}" is not allowed (only to /dev/null)`);
}

function commandArgv(node: SyntaxNode): string[] {
  const argv: string[] = [];
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'command_name') {
      const inner = child.namedChildren[0];
      if (!inner) throw new NotSafe('a command without a name');
      argv.push(literal(inner));
    } else if (child.type === 'comment') {
      continue;
    } else {
      argv.push(literal(child));
    }
  }
  return argv;
}

/** The literal value of a word, or NotSafe when the shell would expand it. */
function literal(node: SyntaxNode): string {
  switch (node.type) {
    case 'word':
    case 'number': {
      const t = node.text;
      if (/[*?[\]{}~\\$`]/.test(t)) throw new NotSafe(`"${t}" could expand (glob, ~, $ or escape)`);
      return t;
    }
    case 'raw_string': {
      const t = node.text;
      return t.slice(1, -1);
    }
    case 'string': {
      for (const c of node.namedChildren) {
        if (c && c.type !== 'string_content') throw new NotSafe(`${describe(c.type)} inside a string is not allowed`);
      }
      const inner = node.text.slice(1, -1);
      if (/[\\$`]/.test(inner)) throw new NotSafe(`"${inner}" contains $, \` or \\`);
      return inner;
    }
    case 'concatenation':
      return node.namedChildren.map((c) => (c ? literal(c) : '')).join('');
    default:
      throw new NotSafe(`${describe(node.type)} is not allowed in a known-safe command`);
  }
}
