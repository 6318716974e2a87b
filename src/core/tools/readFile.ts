// read_file: a text file from the staged view, with line numbers, paged. Reads go
// through ctx.view so the model sees its own staged edits. Binary and non-UTF-8 files
// are refused with a sentence (never dumped as mojibake).
import { Type, type Static } from '@sinclair/typebox';
import { splitLines } from '../util/text';
import { ToolError, type Tool } from './types';
import { checkRead, clipLine, decodeFile, shown, toolPath } from './common';

export const READ_MAX_LINES = 2000;
export const READ_MAX_BYTES = 256 * 1024;
const MAX_LINE_CHARS = 2000;

const parameters = Type.Object(
  {
    path: Type.String({ description: 'Workspace-relative file path.' }),
    start_line: Type.Optional(Type.Integer({ minimum: 1, description: 'First line to show (1-based).' })),
    end_line: Type.Optional(Type.Integer({ minimum: 1, description: 'Last line to show (inclusive).' })),
    offset: Type.Optional(Type.Integer({ minimum: 1, description: 'Alternative to start_line: first line (1-based).' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, description: 'Alternative to end_line: number of lines.' })),
  },
  { additionalProperties: false },
);

export const readFileTool: Tool<typeof parameters> = {
  name: 'read_file',
  description:
    `Read a text file (with your staged edits) with line numbers. Shows up to ${READ_MAX_LINES} lines / ${READ_MAX_BYTES / 1024} KiB per call; ` +
    'use start_line/end_line (or offset/limit) to page through longer files.',
  parameters,
  mutates: false,
  async run(args: Static<typeof parameters>, ctx) {
    const path = toolPath(ctx, args.path);
    if (path === '') throw new ToolError('"." is the workspace folder, not a file: use list_dir to see its contents.');
    await checkRead(ctx, path);
    const stat = await ctx.view.stat(path);
    if (stat?.type === 'directory') throw new ToolError(`${path} is a directory: use list_dir to see its contents.`);
    const bytes = stat ? await ctx.view.readFile(path) : undefined;
    if (!bytes) throw new ToolError(`File not found: ${path}. Use list_dir or search to find the right path.`);
    const decoded = decodeFile(bytes);
    if ('unreadable' in decoded) {
      throw new ToolError(`Cannot show ${path}: ${decoded.unreadable} (${bytes.length} bytes).`);
    }
    const { lines } = splitLines(decoded.text);
    const total = lines.length;
    if (total === 0) return { success: true, output: `${path} is empty (0 lines).` };

    const start = args.start_line ?? args.offset ?? 1;
    if (start > total) {
      throw new ToolError(`start_line ${start} is past the end of ${path}, which has ${total} lines.`);
    }
    let end = args.end_line ?? (args.limit !== undefined ? start + args.limit - 1 : total);
    if (end < start) throw new ToolError(`end_line (${end}) is before start_line (${start}).`);
    end = Math.min(end, total, start + READ_MAX_LINES - 1);

    const width = String(end).length;
    const out: string[] = [];
    let bytesUsed = 0;
    let last = start - 1;
    for (let n = start; n <= end; n++) {
      const line = `${String(n).padStart(width)}\t${clipLine(lines[n - 1], MAX_LINE_CHARS)}`;
      const size = Buffer.byteLength(line, 'utf8') + 1;
      if (bytesUsed + size > READ_MAX_BYTES && out.length > 0) break;
      out.push(line);
      bytesUsed += size;
      last = n;
    }
    const header = `${shown(path)}: lines ${start}-${last} of ${total}`;
    const wanted = Math.min(args.end_line ?? (args.limit !== undefined ? start + args.limit - 1 : total), total);
    const more = last < wanted ? `\n[Output capped at ${READ_MAX_LINES} lines / ${READ_MAX_BYTES / 1024} KiB. Call read_file with start_line=${last + 1} to continue.]` : '';
    return { success: true, output: `${header}\n${out.join('\n')}${more}` };
  },
};
