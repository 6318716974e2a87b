// search: ripgrep over the STAGED view. Two rg runs are merged: one over the workspace
// with staged paths dropped (a staged file's workspace copy is stale, a deleted one is
// gone), one over the staging layer for staged written files. ctx.rgPath is injected by
// the host; without it the tool says how to install ripgrep.
// Secrets: files whose reads ask (.env, keys: the guard's secretPatterns) are left out
// of every search up front and never mentioned, so no answer depends on what they hold
// (a note "matches in .env are not shown" answered yes/no to any regex). A `path` goes
// through the read check like read_file: outside is refused (symlinks resolved), a
// secret file asks the user.
import { realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { ToolError, type Tool, type ToolContext } from './types';
import { checkRead, clipLine, shown, toolPath } from './common';
import { checkRg, runRg, type RgLine } from './rg';
import { toAbsolute, toWorkspacePath } from '../util/paths';
import { compilePatterns, DEFAULT_SECRETS } from '../policy/paths';

export const SEARCH_MAX_MATCHES = 200;
const MAX_LINE_CHARS = 300;
const MAX_CONTEXT = 10;

const parameters = Type.Object(
  {
    pattern: Type.String({ minLength: 1, description: 'Regular expression (Rust regex syntax), or a literal with fixed_strings.' }),
    path: Type.Optional(Type.String({ description: 'File or directory to search (default: the whole workspace).' })),
    glob: Type.Optional(Type.String({ description: 'Only files matching this glob, e.g. "*.ts" or "src/**/*.py" ("!" prefix excludes).' })),
    case_insensitive: Type.Optional(Type.Boolean()),
    fixed_strings: Type.Optional(Type.Boolean({ description: 'Treat pattern as a literal string.' })),
    context: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_CONTEXT, description: 'Lines of context around each match.' })),
  },
  { additionalProperties: false },
);

type Args = Static<typeof parameters>;

function rgArgs(args: Args, target: string, exclude: string[], ignoreFile?: string): string[] {
  const out = ['--json', '--no-config', '--sort', 'path', '--max-filesize', '10M'];
  out.push(args.case_insensitive ? '--ignore-case' : '--case-sensitive');
  if (args.fixed_strings) out.push('--fixed-strings');
  if (args.context) out.push('--context', String(args.context));
  if (args.glob) out.push('--glob', args.glob);
  // After the model's glob: later globs win in rg.
  for (const g of exclude) out.push('--iglob', `!${g}`);
  if (ignoreFile) out.push('--ignore-file', ignoreFile);
  out.push('--regexp', args.pattern, '--', target === '' ? '.' : target);
  return out;
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}

/** Groups lines by file (sorted by path), keeping the first `max` matches. */
function render(lines: RgLine[], max: number, withContext: boolean): { text: string; shownMatches: number; files: number } {
  const byFile = new Map<string, RgLine[]>();
  for (const l of lines) {
    const list = byFile.get(l.path) ?? [];
    list.push(l);
    byFile.set(l.path, list);
  }
  const out: string[] = [];
  let shownMatches = 0;
  let files = 0;
  for (const path of [...byFile.keys()].sort()) {
    if (shownMatches >= max) break;
    const fileLines = byFile.get(path)!.sort((a, b) => a.line - b.line);
    const block: string[] = [];
    let prev = -1;
    let cut = false;
    for (const l of fileLines) {
      if (l.match && shownMatches >= max) {
        cut = true;
        break;
      }
      if (l.line === prev) continue;
      if (withContext && prev !== -1 && l.line > prev + 1) block.push('--');
      block.push(`${l.line}${l.match ? ':' : '-'}${clipLine(l.text, MAX_LINE_CHARS)}`);
      if (l.match) shownMatches++;
      prev = l.line;
    }
    // Drop trailing context of a file cut by the cap.
    while (cut && block.length && !/^\d+:/.test(block[block.length - 1])) block.pop();
    if (block.length) {
      files++;
      out.push(path, ...block.map((b) => `  ${b}`));
    }
  }
  return { text: out.join('\n'), shownMatches, files };
}

/**
 * Drops, silently, lines of files whose reads are not plainly allowed by the guard (for
 * guards whose rules go beyond their secretPatterns): the answer says nothing about them.
 */
async function dropWithheld(ctx: ToolContext, lines: RgLine[], approved: string | undefined): Promise<RgLine[]> {
  const verdict = new Map<string, boolean>();
  for (const l of lines) {
    if (!verdict.has(l.path)) verdict.set(l.path, l.path === approved || (await ctx.guard.assessRead(l.path)).action === 'allow');
  }
  return lines.filter((l) => verdict.get(l.path));
}

/** rg globs for the secret patterns (our globs: `*`, `**`, `?`; the rest literal). */
function rgGlob(pattern: string): string {
  const g = pattern.replace(/[[\]{}\\!]/g, (c) => `\\${c}`);
  return g.includes('/') ? g : `**/${g}`;
}

/** The workspace path `rel` really is (a link inside the workspace resolved), if inside. */
async function realRel(root: string, rel: string): Promise<string> {
  if (rel === '') return rel;
  try {
    const [r, real] = await Promise.all([realpath(root), realpath(toAbsolute(root, rel))]);
    return toWorkspacePath(r, real) ?? rel;
  } catch {
    return rel; // not in the workspace (staged only): the layer run handles it
  }
}

export const searchTool: Tool<typeof parameters> = {
  name: 'search',
  description:
    'Search file contents with ripgrep (includes your staged edits; respects .gitignore). ' +
    `Returns matching lines grouped by file with line numbers, at most ${SEARCH_MAX_MATCHES} matches. ` +
    'Files that may hold secrets (.env, private keys) are never searched: read_file them to ask the user.',
  parameters,
  mutates: false,
  async run(args: Args, ctx) {
    const rg = await checkRg(ctx.rgPath);
    const asked = toolPath(ctx, args.path ?? '');
    // The read check of read_file: outside (through a link too) is refused, a secret asks.
    if (asked !== '') await checkRead(ctx, asked);
    const secretGlobs = ctx.guard.secretPatterns ?? DEFAULT_SECRETS;
    const secretRes = compilePatterns([...secretGlobs]);
    const isSecret = (p: string) => secretRes.some((re) => re.test(p));
    // Searched by its real path, so what rg reports is what the secret patterns see.
    const target = await realRel(ctx.view.root, asked);
    // A secret file the user just agreed to: search it, and only it.
    const approved = asked !== '' && (isSecret(asked) || isSecret(target)) ? target : undefined;
    const exclude = approved ? [] : secretGlobs.map(rgGlob);
    const keep = (p: string) => p === approved || !isSecret(p);
    const staged = await ctx.staging.stagedPaths();
    const stagedSet = new Set(staged.map((s) => s.path));
    const written = new Set(staged.filter((s) => !s.deleted).map((s) => s.path));

    const targetInWorkspace = await exists(toAbsolute(ctx.view.root, target));
    const targetInLayer = written.size > 0 && (await exists(toAbsolute(ctx.staging.layerDir, asked)));
    if (!targetInWorkspace && !targetInLayer) throw new ToolError(`Not found: ${shown(asked)}.`);
    if (asked !== '' && stagedSet.has(asked) && !written.has(asked)) throw new ToolError(`Not found: ${asked} (deleted in your staged changes).`);

    const max = SEARCH_MAX_MATCHES;
    const runs = [];
    if (targetInWorkspace) {
      runs.push(runRg(rg, rgArgs(args, target, exclude), { cwd: ctx.view.root, signal: ctx.signal, maxMatches: max, accept: (p) => !stagedSet.has(p) && keep(p) }));
    }
    if (targetInLayer) {
      // The layer has no .gitignore of its own: apply the workspace's top-level one.
      const gitignore = join(ctx.view.root, '.gitignore');
      const ignoreFile = (await exists(gitignore)) ? gitignore : undefined;
      runs.push(runRg(rg, rgArgs(args, asked, exclude, ignoreFile), { cwd: ctx.staging.layerDir, signal: ctx.signal, maxMatches: max, accept: (p) => written.has(p) && keep(p) }));
    }
    const results = await Promise.all(runs);

    const errors = results.filter((r) => r.exitCode === 2 && r.stderr.trim()).map((r) => r.stderr.trim());
    const lines = await dropWithheld(ctx, results.flatMap((r) => r.lines), approved);
    const total = lines.filter((l) => l.match).length;
    if (lines.every((l) => !l.match)) {
      if (errors.length) {
        const hint = args.fixed_strings ? '' : ' If you meant a literal string, pass fixed_strings: true.';
        throw new ToolError(`ripgrep failed: ${errors[0].split('\n').slice(0, 6).join('\n')}${hint}`);
      }
      return { success: true, output: `No matches for ${JSON.stringify(args.pattern)} in ${shown(target)}.` };
    }
    const { text, shownMatches, files } = render(lines, max, (args.context ?? 0) > 0);
    const notes: string[] = [];
    // "Stopped" with fewer than the cap shown can only come from withheld lines: say nothing.
    const more = (results.some((r) => r.stopped) && shownMatches >= max) || total > shownMatches;
    if (more) notes.push(`[Showing the first ${shownMatches} matches; narrow the search with path or glob to see the rest.]`);
    else notes.push(`[${shownMatches} match${shownMatches === 1 ? '' : 'es'} in ${files} file${files === 1 ? '' : 's'}.]`);
    if (errors.length) notes.push(`[Some files could not be searched: ${errors[0].split('\n')[0]}]`);
    return { success: true, output: `${text}\n${notes.join('\n')}` };
  },
};
