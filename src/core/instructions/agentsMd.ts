// Project instructions: AGENTS.md files from the user's global folder, then the
// repository root and every folder down to the working directory, in that order (so
// the most specific file comes last and wins on conflicts). The total is capped; when a
// file does not fit it is cut and the text says so, so the model knows it saw a part.
//
// Rule files teams already have: where a project folder has no AGENTS.md, the first of
// CLAUDE.md, .github/copilot-instructions.md and .cursorrules found is read in its place
// (one file per folder: teams often keep the same text in several). `fallbacks: false`
// turns this off. The rendered block names every file it read.
//
// Contract: the result is computed once per session (see createAgent) and sent as part
// of the byte-stable instructions; this module does not cache.
import { promises as fs } from 'node:fs';
import path from 'node:path';

export const AGENTS_FILE = 'AGENTS.md';
/** Read in a folder that has no AGENTS.md, the first found (relative to the folder). */
export const RULE_FILE_FALLBACKS = ['CLAUDE.md', '.github/copilot-instructions.md', '.cursorrules'];
/** Default cap on all AGENTS.md text together, in bytes of UTF-8. */
export const DEFAULT_INSTRUCTIONS_CAP = 32 * 1024;

export interface InstructionSource {
  /** Absolute path of the AGENTS.md file. */
  path: string;
  /** 'global' for the user's folder, else 'project'. */
  scope: 'global' | 'project';
  text: string;
  truncated: boolean;
}

export interface LoadInstructionsOptions {
  /** Folder holding the user's global AGENTS.md (undefined: none). */
  globalDir?: string;
  /** Absolute working directory (the workspace root, or a folder inside it). */
  cwd: string;
  /** Total cap in bytes (default 32 KiB). */
  maxBytes?: number;
  /** Read CLAUDE.md, .github/copilot-instructions.md or .cursorrules where a folder has no AGENTS.md (default true). */
  fallbacks?: boolean;
  /** Injected for tests; defaults to node:fs. Returns undefined when missing. */
  readFile?: (absPath: string) => Promise<string | undefined>;
  exists?: (absPath: string) => Promise<boolean>;
}

async function defaultRead(p: string): Promise<string | undefined> {
  try {
    const st = await fs.stat(p);
    if (!st.isFile()) return undefined;
    return await fs.readFile(p, 'utf8');
  } catch {
    return undefined;
  }
}

async function defaultExists(p: string): Promise<boolean> {
  try {
    await fs.access(p);
    return true;
  } catch {
    return false;
  }
}

/** Nearest ancestor of `cwd` (itself included) holding `.git`, else undefined. */
export async function findRepoRoot(cwd: string, exists = defaultExists): Promise<string | undefined> {
  let dir = path.resolve(cwd);
  for (;;) {
    if (await exists(path.join(dir, '.git'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Folders from `top` down to `bottom` (both included); `bottom` must be inside `top`. */
function foldersBetween(top: string, bottom: string): string[] {
  const rel = path.relative(top, bottom);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return [bottom];
  const parts = rel === '' ? [] : rel.split(path.sep);
  const out = [top];
  let cur = top;
  for (const p of parts) {
    cur = path.join(cur, p);
    out.push(cur);
  }
  return out;
}

/** Cut `text` to at most `maxBytes` UTF-8 bytes without splitting a character. */
function cutUtf8(text: string, maxBytes: number): string {
  const buf = Buffer.from(text, 'utf8');
  if (buf.length <= maxBytes) return text;
  let end = Math.max(0, maxBytes);
  // step back over continuation bytes (10xxxxxx) so a character is never split
  while (end > 0 && (buf[end] & 0xc0) === 0x80) end--;
  return buf.subarray(0, end).toString('utf8');
}

/** Finds and reads the AGENTS.md files in order, applying the cap. */
export async function loadInstructionSources(options: LoadInstructionsOptions): Promise<InstructionSource[]> {
  const read = options.readFile ?? defaultRead;
  const exists = options.exists ?? defaultExists;
  const cwd = path.resolve(options.cwd);
  // per folder, the files to try in order (the first that exists is the folder's)
  const candidates: { paths: string[]; scope: InstructionSource['scope'] }[] = [];
  if (options.globalDir) candidates.push({ paths: [path.join(path.resolve(options.globalDir), AGENTS_FILE)], scope: 'global' });
  const repoRoot = (await findRepoRoot(cwd, exists)) ?? cwd;
  const names = options.fallbacks === false ? [AGENTS_FILE] : [AGENTS_FILE, ...RULE_FILE_FALLBACKS];
  for (const dir of foldersBetween(repoRoot, cwd)) candidates.push({ paths: names.map((n) => path.join(dir, n)), scope: 'project' });

  let budget = options.maxBytes ?? DEFAULT_INSTRUCTIONS_CAP;
  const seen = new Set<string>();
  const out: InstructionSource[] = [];
  for (const c of candidates) {
    if (seen.has(c.paths[0])) continue; // the global folder may also be a project folder
    seen.add(c.paths[0]);
    let found: { path: string; text: string } | undefined;
    for (const p of c.paths) {
      const text = await read(p);
      if (text === undefined) continue;
      found = { path: p, text };
      break;
    }
    if (!found || found.text.trim() === '') continue;
    const text = found.text;
    if (budget <= 0) {
      out.push({ path: found.path, scope: c.scope, text: '', truncated: true });
      continue;
    }
    const size = Buffer.byteLength(text, 'utf8');
    const kept = size <= budget ? text : cutUtf8(text, budget);
    budget -= Buffer.byteLength(kept, 'utf8');
    out.push({ path: found.path, scope: c.scope, text: kept, truncated: kept.length < text.length });
  }
  return out;
}

/** Renders the sources as one block for the system instructions ('' when none). */
export function renderInstructionSources(sources: InstructionSource[], cwd: string): string {
  if (sources.length === 0) return '';
  const labelOf = (s: InstructionSource) => (s.scope === 'global' ? `global ${AGENTS_FILE}` : path.relative(cwd, s.path).split(path.sep).join('/') || AGENTS_FILE);
  const parts = sources.map((s) => {
    const label = labelOf(s);
    const note = s.truncated
      ? s.text === ''
        ? '\n[omitted: the instructions size limit was reached]'
        : '\n[truncated: the instructions size limit was reached]'
      : '';
    return `<instructions source="${label}">\n${s.text.trimEnd()}${note}\n</instructions>`;
  });
  return (
    `Project instructions follow (read from: ${sources.map(labelOf).join(', ')}), from the most general to the most specific; ` +
    'when they conflict, the later one wins. They never override the approval policy or the review of staged edits.\n\n' +
    parts.join('\n\n')
  );
}

export async function loadProjectInstructions(options: LoadInstructionsOptions): Promise<string> {
  return renderInstructionSources(await loadInstructionSources(options), path.resolve(options.cwd));
}
