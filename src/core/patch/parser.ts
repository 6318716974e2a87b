// Parser for the `*** Begin Patch` / `*** End Patch` edit format OpenAI models are
// trained on. Pure: text in, ParsedPatch out, PatchParseError with a line number and a
// sentence the model can act on otherwise.
//
// Grammar (lenient where a model's mistake has exactly one meaning):
//   patch   := "*** Begin Patch" ["*** Environment ID: " id] op* "*** End Patch"
//   op      := "*** Add File: " path ("+" line)*
//            | "*** Delete File: " path
//            | "*** Update File: " path ["*** Move to: " path] chunk*
//   chunk   := ("@@" [" " anchor])* (" " ctx | "-" old | "+" new | "")+ ["*** End of File"]
// Accepted wrapper mistakes: a heredoc (`<<'EOF'` ... `EOF`, optionally after
// `apply_patch`), a markdown fence, blank lines around the patch, CRLF line ends, and
// unified-diff `@@ -1,2 +1,3 @@` headers (the numbers are ignored). The environment id
// (codex's multi-environment extension, which OpenAI models may emit) names where to
// apply the patch; Tandem has one workspace, so it is checked to be non-empty and ignored.

export type ChunkOpKind = 'ctx' | 'del' | 'add';

export interface ChunkOp {
  kind: ChunkOpKind;
  text: string;
}

export interface PatchChunk {
  /** `@@ text` lines before the chunk, outermost first: each is sought in turn before the old lines. */
  anchors: string[];
  /** The chunk body in order; context lines are kept from the file when applied. */
  ops: ChunkOp[];
  oldLines: string[];
  newLines: string[];
  /** `*** End of File`: the old lines must end the file. */
  endOfFile: boolean;
  /** The chunk ends with added lines after context (or adds only): an append after its last old line. */
  appendsAfter: boolean;
  /** 1-based line in the patch text where the chunk starts (for messages). */
  patchLine: number;
}

export type PatchOp =
  | { type: 'add'; path: string; lines: string[]; patchLine: number }
  | { type: 'delete'; path: string; patchLine: number }
  | { type: 'update'; path: string; moveTo?: string; chunks: PatchChunk[]; patchLine: number };

export interface ParsedPatch {
  ops: PatchOp[];
}

export class PatchParseError extends Error {
  constructor(message: string, readonly line?: number) {
    super(line === undefined ? message : `Invalid patch at line ${line}: ${message}`);
    this.name = 'PatchParseError';
  }
}

const BEGIN = '*** Begin Patch';
const END = '*** End Patch';
const ADD = '*** Add File:';
const DELETE = '*** Delete File:';
const UPDATE = '*** Update File:';
const MOVE = '*** Move to:';
const ENVIRONMENT = '*** Environment ID:';
const EOF_MARKER = '*** End of File';
const UNIFIED_HUNK = /^@@ -\d+(?:,\d+)? \+\d+(?:,\d+)? @@ ?(.*)$/;

/** Strips the wrappers models put around a patch; returns the lines and the 1-based line number of the first. */
function unwrap(text: string): { lines: string[]; firstLine: number } {
  let lines = text.split(/\r?\n/);
  let first = 0;
  let last = lines.length - 1;
  const skipBlank = () => {
    while (first <= last && lines[first].trim() === '') first++;
    while (last >= first && lines[last].trim() === '') last--;
  };
  skipBlank();
  const heredoc = first < last ? /^(?:apply_patch\s+)?<<-?\s*(['"]?)([A-Za-z_]\w*)\1\s*$/.exec(lines[first].trim()) : null;
  if (heredoc && lines[last].trim() === heredoc[2]) {
    first++;
    last--;
    skipBlank();
  } else if (first < last && /^```[\w-]*$/.test(lines[first].trim()) && lines[last].trim() === '```') {
    first++;
    last--;
    skipBlank();
  }
  lines = lines.slice(first, last + 1);
  return { lines, firstLine: first + 1 };
}

function headerPath(line: string, marker: string, lineNo: number, what = 'a file path'): string {
  const path = line.slice(marker.length).trim();
  if (!path) throw new PatchParseError(`"${marker}" needs ${what} after it.`, lineNo);
  return path;
}

function isOpHeader(trimmed: string): boolean {
  return trimmed.startsWith(ADD) || trimmed.startsWith(DELETE) || trimmed.startsWith(UPDATE) || trimmed === END;
}

export function parsePatch(text: string): ParsedPatch {
  const { lines, firstLine } = unwrap(text);
  const no = (i: number) => i + firstLine;
  if (lines.length === 0 || lines[0].trim() !== BEGIN) {
    const found = lines.length ? ` (found "${lines[0].trim().slice(0, 80)}")` : '';
    throw new PatchParseError(`The patch must start with "${BEGIN}"${found}.`);
  }
  const endAt = lines.findIndex((l, i) => i > 0 && l.trim() === END);
  if (endAt < 0) {
    throw new PatchParseError(`The patch must end with "${END}" (it is missing: was the patch cut off?).`);
  }
  if (endAt !== lines.length - 1) {
    throw new PatchParseError(`Text follows "${END}"; put everything inside one Begin/End Patch block.`, no(endAt + 1));
  }

  const ops: PatchOp[] = [];
  let i = 1;
  if (i < endAt && lines[i].trim().startsWith(ENVIRONMENT)) {
    headerPath(lines[i].trim(), ENVIRONMENT, no(i), 'an environment id');
    i++;
  }
  while (i < endAt) {
    const trimmed = lines[i].trim();
    if (trimmed === '') {
      i++;
      continue;
    }
    if (trimmed.startsWith(ADD)) {
      const path = headerPath(trimmed, ADD, no(i));
      const patchLine = no(i);
      const body: string[] = [];
      i++;
      for (; i < endAt && !isOpHeader(lines[i].trim()); i++) {
        const line = lines[i];
        if (line.startsWith('+')) body.push(line.slice(1));
        else if (line === '') body.push('');
        else throw new PatchParseError(`Every line of "${ADD} ${path}" must start with "+" (found "${line.slice(0, 80)}").`, no(i));
      }
      // Bare blank lines between "+" lines are blank content; trailing ones are separators.
      while (body.length && body[body.length - 1] === '' && lines[i - 1] === '') {
        body.pop();
        i--;
      }
      ops.push({ type: 'add', path, lines: body, patchLine });
    } else if (trimmed.startsWith(DELETE)) {
      ops.push({ type: 'delete', path: headerPath(trimmed, DELETE, no(i)), patchLine: no(i) });
      i++;
    } else if (trimmed.startsWith(UPDATE)) {
      const path = headerPath(trimmed, UPDATE, no(i));
      const patchLine = no(i);
      i++;
      let moveTo: string | undefined;
      if (i < endAt && lines[i].trim().startsWith(MOVE)) {
        moveTo = headerPath(lines[i].trim(), MOVE, no(i));
        i++;
      }
      const parsed = parseChunks(lines, i, endAt, no, path);
      i = parsed.next;
      if (parsed.chunks.length === 0 && moveTo === undefined) {
        throw new PatchParseError(`"${UPDATE} ${path}" has no changes: add @@ hunks with " ", "-" and "+" lines.`, patchLine);
      }
      ops.push({ type: 'update', path, moveTo, chunks: parsed.chunks, patchLine });
    } else {
      throw new PatchParseError(
        `Unknown line "${trimmed.slice(0, 80)}". Expected "${ADD} <path>", "${DELETE} <path>", "${UPDATE} <path>" or "${END}".`,
        no(i),
      );
    }
  }
  return { ops };
}

function parseChunks(
  lines: string[],
  start: number,
  endAt: number,
  no: (i: number) => number,
  path: string,
): { chunks: PatchChunk[]; next: number } {
  const chunks: PatchChunk[] = [];
  let i = start;
  let current: PatchChunk | undefined;
  const finish = () => {
    if (!current) return;
    // Bare blank lines at a chunk's end separate chunks; they are not context.
    while (current.ops.length && current.ops[current.ops.length - 1].text === '' && (current.ops as BlankMarked[])[current.ops.length - 1].bare) {
      current.ops.pop();
    }
    if (current.ops.length === 0) throw new PatchParseError(`A hunk in "${path}" has no lines to change.`, current.patchLine);
    for (const op of current.ops) delete (op as BlankMarked).bare;
    current.oldLines = current.ops.filter((o) => o.kind !== 'add').map((o) => o.text);
    current.newLines = current.ops.filter((o) => o.kind !== 'del').map((o) => o.text);
    const lastKept = [...current.ops].reverse().find((o) => o.kind !== 'add');
    current.appendsAfter = current.ops[current.ops.length - 1].kind === 'add' && (!lastKept || lastKept.kind === 'ctx');
    chunks.push(current);
    current = undefined;
  };
  const open = (lineIdx: number) => {
    current = { anchors: [], ops: [], oldLines: [], newLines: [], endOfFile: false, appendsAfter: false, patchLine: no(lineIdx) };
    return current;
  };

  for (; i < endAt; i++) {
    const line = lines[i];
    const trimmed = line.trimEnd();
    if (trimmed.startsWith('*** ') && isOpHeader(trimmed.trim())) break;
    if (trimmed === EOF_MARKER) {
      if (!current || current.ops.length === 0) throw new PatchParseError(`"${EOF_MARKER}" must follow hunk lines.`, no(i));
      current.endOfFile = true;
      finish();
      continue;
    }
    if (line.startsWith('@@')) {
      const chunk = current && current.ops.length === 0 ? current : (finish(), open(i));
      const unified = UNIFIED_HUNK.exec(trimmed);
      const anchor = unified ? unified[1].trim() : trimmed === '@@' ? '' : line.startsWith('@@ ') ? line.slice(3) : undefined;
      if (anchor === undefined) throw new PatchParseError(`A hunk header must be "@@" or "@@ <line to find>" (found "${trimmed.slice(0, 80)}").`, no(i));
      if (anchor.trim() !== '') chunk.anchors.push(anchor);
      continue;
    }
    const chunk = current ?? (chunks.length === 0 ? open(i) : undefined);
    if (!chunk) {
      if (line === '') continue;
      throw new PatchParseError(`Expected "@@" to start the next hunk in "${path}" (found "${trimmed.slice(0, 80)}").`, no(i));
    }
    const first = line[0];
    if (line === '') (chunk.ops as BlankMarked[]).push({ kind: 'ctx', text: '', bare: true });
    else if (first === ' ') chunk.ops.push({ kind: 'ctx', text: line.slice(1) });
    else if (first === '-') chunk.ops.push({ kind: 'del', text: line.slice(1) });
    else if (first === '+') chunk.ops.push({ kind: 'add', text: line.slice(1) });
    else if (trimmed.startsWith('***')) {
      throw new PatchParseError(`Unknown header "${trimmed.slice(0, 80)}" in "${path}".`, no(i));
    } else {
      throw new PatchParseError(
        `Every hunk line must start with " " (context), "-" (remove) or "+" (add); found "${trimmed.slice(0, 80)}" in "${path}".`,
        no(i),
      );
    }
  }
  finish();
  return { chunks, next: i };
}

type BlankMarked = ChunkOp & { bare?: boolean };
