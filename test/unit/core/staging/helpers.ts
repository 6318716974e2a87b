// Test fixtures: a real temp workspace + staging dir, and small byte/text helpers.
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after } from 'node:test';
import { createStagingArea, type StagingOptions } from '../../../../src/core/staging/stagingArea';
import type { StagingArea } from '../../../../src/core/staging/types';
import { createNodeWorkspace } from '../../../../src/core/workspace/nodeWorkspace';
import type { Workspace } from '../../../../src/core/workspace/types';

const made: string[] = [];
after(async () => {
  for (const d of made) await rm(d, { recursive: true, force: true });
});

export async function tempDir(prefix = 'tandem-staging-'): Promise<string> {
  const d = await mkdtemp(path.join(tmpdir(), prefix));
  made.push(d);
  return d;
}

export const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
export const dec = (b: Uint8Array | undefined): string | undefined => (b === undefined ? undefined : new TextDecoder().decode(b));

export interface Fixture {
  root: string;
  stagingDir: string;
  ws: Workspace;
  area: StagingArea;
  /** Writes a workspace file directly (the user's editor). */
  put(rel: string, text: string | Uint8Array): Promise<void>;
  /** Reads a workspace file directly from disk. */
  disk(rel: string): Promise<string | undefined>;
  reopen(options?: StagingOptions): Promise<StagingArea>;
}

export async function fixture(files: Record<string, string> = {}, options?: StagingOptions): Promise<Fixture> {
  const root = await tempDir('tandem-ws-');
  const stagingDir = path.join(await tempDir(), 'session');
  const put = async (rel: string, text: string | Uint8Array) => {
    const abs = path.join(root, rel);
    await mkdir(path.dirname(abs), { recursive: true });
    await writeFile(abs, text);
  };
  for (const [rel, text] of Object.entries(files)) await put(rel, text);
  const ws = await createNodeWorkspace(root);
  const area = await createStagingArea(ws, stagingDir, options);
  return {
    root, stagingDir, ws, area, put,
    disk: async (rel) => readFile(path.join(root, rel), 'utf8').catch(() => undefined),
    reopen: (o) => createStagingArea(ws, stagingDir, o),
  };
}

/** "1\n2\n...\nn\n" */
export function numbered(n: number, eol = '\n'): string {
  return Array.from({ length: n }, (_, i) => `${i + 1}${eol}`).join('');
}

/** Replaces 1-based line `line` of text (keeping its terminator). */
export function replaceLine(text: string, line: number, value: string): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(eol);
  lines[line - 1] = value;
  return lines.join(eol);
}

/** Deterministic PRNG (mulberry32) so property-style loops reproduce. */
export function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random edits (insert, delete, replace lines) of a text, keeping its EOL style. */
export function mutateText(next: () => number, text: string, maxOps = 6): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text === '' ? [] : text.split(eol);
  const final = lines.length > 0 && lines[lines.length - 1] === '';
  if (final) lines.pop();
  const ops = Math.floor(next() * maxOps);
  for (let k = 0; k < ops; k++) {
    const at = Math.floor(next() * (lines.length + 1));
    const op = next();
    if (op < 0.33) lines.splice(at, 0, pick(next, WORDS) + k);
    else if (op < 0.66) lines.splice(at, 1);
    else lines[at] = pick(next, WORDS).toUpperCase();
  }
  const keepFinal = next() < 0.85 ? final : !final;
  return lines.join(eol) + (lines.length && keepFinal ? eol : '');
}

const WORDS = ['alpha', 'beta', 'gamma', '', '  indent', 'x', 'y'];
function pick<T>(next: () => number, xs: T[]): T {
  return xs[Math.floor(next() * xs.length)];
}

/** A random text and a random edit of it (lines, EOL style, final newline all vary). */
export function randomEditPair(next: () => number): { oldText: string; newText: string } {
  const eol = pick(next, ['\n', '\r\n']);
  const lines = Array.from({ length: Math.floor(next() * 40) }, () => pick(next, WORDS));
  const oldText = lines.join(eol) + (lines.length && next() < 0.7 ? eol : '');
  return { oldText, newText: mutateText(next, oldText) };
}
