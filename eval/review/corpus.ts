// The labelled corpus of `npm run eval:review`: one `.case` file per small change, in
// eval/review/cases/. A case file is a header of `key: value` lines, then the files:
//
//   id: ts-paginate-off-by-one
//   language: typescript          (typescript | python | go)
//   kind: bug                     (bug: the change introduces exactly one bug; clean: a refactor)
//   category: off-by-one          (bug only)
//   bug: src/paginate.ts:9-9      (bug only: where it is, new-side lines; several locations, comma-separated)
//   why: slice() excludes its end (bug only: for people reading the corpus; the reviewer never sees it)
//   message: Extract page slicing (the commit message the reviewer sees)
//   === before src/paginate.ts    (the file before the change; absent for an added file)
//   ...
//   === after src/paginate.ts     (the file after it; absent for a deleted file)
//   ...
//
// A file's text runs from the line after its `===` line to the next `===` line.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface BugLocation {
  path: string;
  startLine: number;
  endLine: number;
}

export interface EvalCase {
  id: string;
  language: 'typescript' | 'python' | 'go';
  kind: 'bug' | 'clean';
  category?: string;
  /** Where the bug is (any of them counts); empty for a clean change. */
  bug: BugLocation[];
  why?: string;
  message: string;
  /** path -> text before / after (undefined: the file does not exist on that side). */
  files: Map<string, { before?: string; after?: string }>;
}

export const CASES_DIR = path.join(__dirname, 'cases');

function parseLocation(text: string, file: string): BugLocation {
  const m = /^(.+):(\d+)(?:-(\d+))?$/.exec(text.trim());
  if (!m) throw new Error(`${file}: bad bug location "${text}" (want path:start-end)`);
  return { path: m[1], startLine: Number(m[2]), endLine: Number(m[3] ?? m[2]) };
}

export function parseCase(text: string, file = 'case'): EvalCase {
  const [head, ...rest] = text.split(/^(?==== (?:before|after) )/m);
  const meta = new Map<string, string>();
  for (const line of head.split('\n')) {
    if (line.trim() === '') continue;
    const m = /^([a-z]+):\s*(.*)$/.exec(line);
    if (!m) throw new Error(`${file}: bad header line "${line}"`);
    meta.set(m[1], m[2]);
  }
  const files = new Map<string, { before?: string; after?: string }>();
  for (const block of rest) {
    const nl = block.indexOf('\n');
    const [, side, p] = /^=== (before|after) (.+)$/.exec(block.slice(0, nl))!;
    const entry = files.get(p) ?? {};
    entry[side as 'before' | 'after'] = block.slice(nl + 1);
    files.set(p, entry);
  }
  const need = (k: string) => meta.get(k) ?? (() => { throw new Error(`${file}: missing "${k}:"`); })();
  const kind = need('kind');
  const language = need('language');
  if (kind !== 'bug' && kind !== 'clean') throw new Error(`${file}: kind must be bug or clean`);
  if (!['typescript', 'python', 'go'].includes(language)) throw new Error(`${file}: unknown language ${language}`);
  const bug = kind === 'bug' ? need('bug').split(',').map((l) => parseLocation(l, file)) : [];
  return { id: need('id'), language: language as EvalCase['language'], kind, category: meta.get('category'), bug, why: meta.get('why'), message: need('message'), files };
}

export function loadCases(dir = CASES_DIR, filter?: string): EvalCase[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.case'))
    .sort()
    .map((f) => parseCase(readFileSync(path.join(dir, f), 'utf8'), f))
    .filter((c) => !filter || c.id.includes(filter));
}

const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: 'eval', GIT_AUTHOR_EMAIL: 'eval@example.invalid', GIT_COMMITTER_NAME: 'eval', GIT_COMMITTER_EMAIL: 'eval@example.invalid' };

/** A temporary git repository whose HEAD commit is the case's change (its parent: the files before). */
export function materialize(c: EvalCase): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `tandem-eval-${c.id}-`));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env: GIT_ENV, stdio: 'ignore' });
  const write = (side: 'before' | 'after') => {
    for (const [p, v] of c.files) {
      const abs = path.join(dir, p);
      const text = v[side];
      if (text === undefined) {
        rmSync(abs, { force: true });
        continue;
      }
      mkdirSync(path.dirname(abs), { recursive: true });
      writeFileSync(abs, text);
    }
  };
  git('init', '-q');
  write('before');
  git('add', '-A');
  git('commit', '-q', '--allow-empty', '-m', 'Initial version');
  write('after');
  git('add', '-A');
  git('commit', '-q', '-m', c.message);
  return dir;
}
