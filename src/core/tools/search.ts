// search: ripgrep over the STAGED view. Two rg runs are merged: one over the workspace
// with staged paths dropped (a staged file's workspace copy is stale, a deleted one is
// gone), one over the staging layer for staged written files. ctx.rgPath is injected by
// the host; without it the tool says how to install ripgrep.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { ToolError, type Tool, type ToolContext } from './types';
import { clipLine, shown, toolPath } from './common';
import { checkRg, runRg, type RgLine } from './rg';
import { toAbsolute } from '../util/paths';

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

function rgArgs(args: Args, target: string, ignoreFile?: string): string[] {
  const out = ['--json', '--no-config', '--sort', 'path', '--max-filesize', '10M'];
  out.push(args.case_insensitive ? '--ignore-case' : '--case-sensitive');
  if (args.fixed_strings) out.push('--fixed-strings');
  if (args.context) out.push('--context', String(args.context));
  if (args.glob) out.push('--glob', args.glob);
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
 * Drops lines of files whose reads are not plainly allowed (secrets: .env, keys...):
 * a search must not reveal what read_file would have asked about.
 */
async function withholdSecrets(ctx: ToolContext, lines: RgLine[]): Promise<{ lines: RgLine[]; withheld: string[] }> {
  const verdict = new Map<string, boolean>();
  for (const l of lines) {
    if (!verdict.has(l.path)) verdict.set(l.path, (await ctx.guard.assessRead(l.path)).action === 'allow');
  }
  const withheld = [...verdict].filter(([, ok]) => !ok).map(([p]) => p);
  return { lines: withheld.length ? lines.filter((l) => verdict.get(l.path)) : lines, withheld };
}

export const searchTool: Tool<typeof parameters> = {
  name: 'search',
  description:
    'Search file contents with ripgrep (includes your staged edits; respects .gitignore). ' +
    `Returns matching lines grouped by file with line numbers, at most ${SEARCH_MAX_MATCHES} matches.`,
  parameters,
  mutates: false,
  async run(args: Args, ctx) {
    const rg = await checkRg(ctx.rgPath);
    const target = toolPath(ctx, args.path ?? '');
    const staged = await ctx.staging.stagedPaths();
    const stagedSet = new Set(staged.map((s) => s.path));
    const written = new Set(staged.filter((s) => !s.deleted).map((s) => s.path));

    const targetInWorkspace = await exists(toAbsolute(ctx.view.root, target));
    const targetInLayer = written.size > 0 && (await exists(toAbsolute(ctx.staging.layerDir, target)));
    if (!targetInWorkspace && !targetInLayer) throw new ToolError(`Not found: ${shown(target)}.`);
    if (target !== '' && stagedSet.has(target) && !written.has(target)) throw new ToolError(`Not found: ${target} (deleted in your staged changes).`);

    const max = SEARCH_MAX_MATCHES;
    const runs = [];
    if (targetInWorkspace) {
      runs.push(runRg(rg, rgArgs(args, target), { cwd: ctx.view.root, signal: ctx.signal, maxMatches: max, accept: (p) => !stagedSet.has(p) }));
    }
    if (targetInLayer) {
      // The layer has no .gitignore of its own: apply the workspace's top-level one.
      const gitignore = join(ctx.view.root, '.gitignore');
      const ignoreFile = (await exists(gitignore)) ? gitignore : undefined;
      runs.push(runRg(rg, rgArgs(args, target, ignoreFile), { cwd: ctx.staging.layerDir, signal: ctx.signal, maxMatches: max, accept: (p) => written.has(p) }));
    }
    const results = await Promise.all(runs);

    const errors = results.filter((r) => r.exitCode === 2 && r.stderr.trim()).map((r) => r.stderr.trim());
    const { lines, withheld } = await withholdSecrets(ctx, results.flatMap((r) => r.lines));
    const total = lines.filter((l) => l.match).length;
    const withheldNote = withheld.length
      ? `[Matches in ${withheld.join(', ')} are not shown: the file may hold secrets. Use read_file on it to ask the user.]`
      : '';
    if (lines.every((l) => !l.match)) {
      if (withheldNote) return { success: true, output: `No matches shown for ${JSON.stringify(args.pattern)}.\n${withheldNote}` };
      if (errors.length) {
        const hint = args.fixed_strings ? '' : ' If you meant a literal string, pass fixed_strings: true.';
        throw new ToolError(`ripgrep failed: ${errors[0].split('\n').slice(0, 6).join('\n')}${hint}`);
      }
      return { success: true, output: `No matches for ${JSON.stringify(args.pattern)} in ${shown(target)}.` };
    }
    const { text, shownMatches, files } = render(lines, max, (args.context ?? 0) > 0);
    const notes: string[] = [];
    const more = results.some((r) => r.stopped) || total > shownMatches;
    if (more) notes.push(`[Showing the first ${shownMatches} matches; narrow the search with path or glob to see the rest.]`);
    else notes.push(`[${shownMatches} match${shownMatches === 1 ? '' : 'es'} in ${files} file${files === 1 ? '' : 's'}.]`);
    if (withheldNote) notes.push(withheldNote);
    if (errors.length) notes.push(`[Some files could not be searched: ${errors[0].split('\n')[0]}]`);
    return { success: true, output: `${text}\n${notes.join('\n')}` };
  },
};
