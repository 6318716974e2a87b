// "Known safe" = the command provably only reads. Decided on the parse tree, never on
// the raw text: the whole program must be plain simple commands joined by &&, ||, ;,
// | or newlines; every word a literal (bare word, '…' or "…" with no expansion); no
// redirections except to /dev/null or fd duplication; no assignments, substitutions,
// globs, `~`, braces, heredocs; and each command on the allow-list with safe flags
// (see allowList.ts). Anything else, including what does not parse, is not known safe.
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
  /** A path argument naming a secret or leaving the workspace (the caller's read policy). */
  isSecretPath?: (arg: string) => boolean;
}

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
    for (const argv of commands) {
      const problem = checkArgv(argv, ctx);
      if (problem) return { safe: false, reason: problem, commands };
    }
    return { safe: true, reason: 'only reads (known-safe commands)', commands };
  } catch (err) {
    if (err instanceof NotSafe) return { safe: false, reason: err.message };
    throw err;
  } finally {
    tree.delete();
  }
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
