// list_dir: a directory tree from the staged view (so staged adds show and staged
// deletes do not), breadth-first up to a depth and an entry cap so the top levels are
// always complete. .git and node_modules are listed but not entered unless asked.
import { Type, type Static } from '@sinclair/typebox';
import type { DirEntry } from '../workspace/types';
import { ToolError, type Tool } from './types';
import { checkRead, shown, toolPath } from './common';
import { childPath } from '../util/paths';

export const LIST_MAX_ENTRIES = 400;
export const LIST_MAX_DEPTH = 3;
const SKIPPED = new Set(['.git', 'node_modules']);

const parameters = Type.Object(
  {
    path: Type.Optional(Type.String({ description: 'Workspace-relative directory (default: the workspace root).' })),
    depth: Type.Optional(Type.Integer({ minimum: 1, maximum: LIST_MAX_DEPTH, description: 'Levels to list, 1-3 (default 2).' })),
    include_skipped: Type.Optional(Type.Boolean({ description: 'Also list inside .git and node_modules.' })),
  },
  { additionalProperties: false },
);

export const listDirTool: Tool<typeof parameters> = {
  name: 'list_dir',
  description:
    `List a directory as a tree (directories end with "/"), including your staged changes. Depth 1-${LIST_MAX_DEPTH} (default 2), ` +
    `at most ${LIST_MAX_ENTRIES} entries; .git and node_modules are not entered unless include_skipped is true.`,
  parameters,
  mutates: false,
  async run(args: Static<typeof parameters>, ctx) {
    const root = toolPath(ctx, args.path ?? '');
    const depth = Math.min(args.depth ?? 2, LIST_MAX_DEPTH);
    if (root !== '') {
      // The one realpath-based check (a link that leads outside is refused), whatever the view does.
      await checkRead(ctx, root);
      const stat = await ctx.view.stat(root);
      if (!stat) throw new ToolError(`Directory not found: ${root}.`);
      if (stat.type !== 'directory') throw new ToolError(`${root} is not a directory: use read_file to read it.`);
    }

    // Breadth-first collection, then rendered depth-first as a tree.
    const children = new Map<string, DirEntry[]>();
    const skipped: string[] = [];
    let count = 0;
    let capped = false;
    let level: string[] = [root];
    for (let d = 1; d <= depth && level.length && !capped; d++) {
      const next: string[] = [];
      for (const dir of level) {
        if (ctx.signal.aborted) throw new ToolError('list_dir was interrupted.');
        const entries = await ctx.view.readDir(dir);
        const kept: DirEntry[] = [];
        for (const e of entries) {
          if (count >= LIST_MAX_ENTRIES) {
            capped = true;
            break;
          }
          kept.push(e);
          count++;
          if (e.type !== 'directory') continue;
          const path = childPath(dir, e.name);
          if (SKIPPED.has(e.name) && !args.include_skipped) skipped.push(path);
          else next.push(path);
        }
        children.set(dir, kept);
        if (capped) break;
      }
      level = next;
    }

    const lines: string[] = [];
    const skippedSet = new Set(skipped);
    const render = (dir: string, indent: string) => {
      for (const e of children.get(dir) ?? []) {
        const path = childPath(dir, e.name);
        const mark = e.type === 'directory' ? '/' : e.type === 'symlink' ? '@' : '';
        lines.push(`${indent}${e.name}${mark}${skippedSet.has(path) ? ' (contents skipped)' : ''}`);
        if (e.type === 'directory') render(path, indent + '  ');
      }
    };
    render(root, '');

    const head = `${shown(root)}/`;
    if (lines.length === 0) return { success: true, output: `${head}\n(empty directory)` };
    const notes: string[] = [];
    if (skipped.length) notes.push(`[Not entered: ${skipped.join(', ')}; pass include_skipped: true or list them directly to see inside.]`);
    if (capped) notes.push(`[Listing capped at ${LIST_MAX_ENTRIES} entries; list a subdirectory or lower depth to see the rest.]`);
    return { success: true, output: [head, ...lines.map((l) => `  ${l}`), ...notes].join('\n') };
  },
};
