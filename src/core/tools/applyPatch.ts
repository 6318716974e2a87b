// apply_patch: edits files with the `*** Begin Patch` format. All-or-nothing: every
// file's new content is computed in memory first (src/core/patch), the write policy is
// checked for every path, and only then is anything written, through the staging area
// (never the workspace). Reports a file_change item with per-file +/- counts.
import { Type, type Static } from '@sinclair/typebox';
import { applyParsedPatch, parsePatch, patchPaths, PatchApplyError, PatchParseError, type ParsedPatch, type PatchOp, type PatchResult, type SourceFile } from '../patch/index';
import { encodeUtf8 } from '../util/text';
import type { FileChangeItem, FileChangeSummary } from '../types/items';
import { ToolError, type Tool, type ToolContext } from './types';
import { checkWrite, decodeFile, toolPath } from './common';

const parameters = Type.Object(
  {
    patch: Type.String({ description: 'The whole patch, from "*** Begin Patch" to "*** End Patch".' }),
  },
  { additionalProperties: false },
);

const FORMAT_HINT =
  'Format: "*** Begin Patch", then per file "*** Add File: <path>" (lines start with "+"), "*** Delete File: <path>", or ' +
  '"*** Update File: <path>" (optional "*** Move to: <path>") with hunks: "@@" or "@@ <line naming the function/class>", then ' +
  'lines starting with " " (unchanged context), "-" (remove) or "+" (add); end with "*** End Patch".';

export const applyPatchTool: Tool<typeof parameters> = {
  name: 'apply_patch',
  description:
    'Create, edit, move or delete files. Changes are staged for the user to review. ' +
    'Give about 3 lines of unchanged context around each change; add "@@ <line>" naming the enclosing function or class when the context is not unique. ' +
    FORMAT_HINT,
  parameters,
  mutates: true,
  async run(args: Static<typeof parameters>, ctx) {
    let patch: ParsedPatch;
    try {
      patch = normalisePaths(parsePatch(args.patch), ctx);
    } catch (err) {
      if (err instanceof PatchParseError) throw new ToolError(`${err.message}\nNothing was changed. ${FORMAT_HINT}`);
      throw err;
    }

    const files = new Map<string, SourceFile>();
    for (const path of patchPaths(patch)) files.set(path, await readSource(ctx, path));
    let result: PatchResult;
    try {
      result = applyParsedPatch(patch, files);
    } catch (err) {
      if (!(err instanceof PatchApplyError)) throw err;
      reportFailure(ctx, patch, err.message);
      throw new ToolError(`${err.message}\nNothing was changed: fix the patch and send it again (read the file first if unsure).`);
    }
    if (result.actions.length === 0) return { success: true, output: 'The patch changes nothing: every file already has that content.' };

    // Policy for every written path before anything is written.
    const flagged: string[] = [];
    try {
      for (const c of result.changes) {
        for (const path of c.from ? [c.from, c.path] : [c.path]) {
          const a = await checkWrite(ctx, path);
          if (a.protected) flagged.push(`${path} (${a.protected})`);
        }
      }
    } catch (err) {
      reportFailure(ctx, patch, (err as Error).message, 'declined');
      throw err;
    }

    const changes: FileChangeSummary[] = result.changes.map((c) => ({ ...c }));
    const item: FileChangeItem = { id: ctx.newItemId(), turnId: ctx.turnId, type: 'file_change', changes, status: 'in_progress' };
    ctx.startItem(item);
    const done: string[] = [];
    try {
      for (const a of result.actions) {
        if (a.type === 'write') await ctx.staging.writeFile(a.path, encodeUtf8(a.content));
        else if (a.type === 'delete') await ctx.staging.deleteFile(a.path);
        else await ctx.staging.rename(a.from, a.to, encodeUtf8(a.content));
        done.push(a.type === 'rename' ? a.to : a.path);
      }
    } catch (err) {
      const message = `Staging the patch failed${done.length ? ` after staging ${done.join(', ')}` : ''}: ${(err as Error).message}`;
      ctx.completeItem({ ...item, status: 'failed', error: message });
      throw new ToolError(message);
    }
    ctx.completeItem({ ...item, status: 'completed' });

    const lines = changes.map(describeChange);
    const notes = flagged.length ? `\nProtected paths, flagged for the user's review: ${flagged.join(', ')}.` : '';
    return { success: true, output: `Patch applied to the staged view (the user reviews it before it reaches the workspace):\n${lines.join('\n')}${notes}` };
  },
};

function describeChange(c: FileChangeSummary): string {
  const counts = [c.added ? `+${c.added}` : '', c.removed ? `-${c.removed}` : ''].filter(Boolean).join(' ');
  const tag = { add: 'A', modify: 'M', delete: 'D', rename: 'R' }[c.kind];
  const name = c.kind === 'rename' ? `${c.from} -> ${c.path}` : c.path;
  return `${tag} ${name}${counts ? ` (${counts})` : ''}`;
}

/** Resolves every path of the patch to a workspace path (refusing the root and escapes). */
function normalisePaths(patch: ParsedPatch, ctx: ToolContext): ParsedPatch {
  const fix = (p: string): string => {
    const rel = toolPath(ctx, p);
    if (rel === '') throw new ToolError(`"${p}" is the workspace folder, not a file.`);
    return rel;
  };
  const ops: PatchOp[] = patch.ops.map((op) =>
    op.type === 'update' ? { ...op, path: fix(op.path), moveTo: op.moveTo === undefined ? undefined : fix(op.moveTo) } : { ...op, path: fix(op.path) },
  );
  return { ops };
}

async function readSource(ctx: ToolContext, path: string): Promise<SourceFile> {
  const stat = await ctx.view.stat(path);
  if (!stat) return undefined;
  if (stat.type === 'directory') return { folder: true };
  const bytes = await ctx.view.readFile(path);
  if (bytes === undefined) return undefined;
  const decoded = decodeFile(bytes);
  return 'text' in decoded ? decoded.text : decoded;
}

/** A failed or declined file_change item, so the UI shows the attempt. */
function reportFailure(ctx: ToolContext, patch: ParsedPatch, error: string, status: 'failed' | 'declined' = 'failed'): void {
  const changes: FileChangeSummary[] = patch.ops.map((op) => {
    if (op.type === 'add') return { path: op.path, kind: 'add', added: op.lines.length, removed: 0 };
    if (op.type === 'delete') return { path: op.path, kind: 'delete', added: 0, removed: 0 };
    if (op.moveTo && op.moveTo !== op.path) return { path: op.moveTo, kind: 'rename', from: op.path, added: 0, removed: 0 };
    return { path: op.path, kind: 'modify', added: 0, removed: 0 };
  });
  // nothing was staged: the item starts in its final state (a front end shows it once)
  const item: FileChangeItem = { id: ctx.newItemId(), turnId: ctx.turnId, type: 'file_change', changes, status, error };
  ctx.startItem(item);
  ctx.completeItem(item);
}
