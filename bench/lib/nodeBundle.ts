// Builds a Node entry point the way scripts/build.mjs builds dist/cli.js (one CommonJS
// bundle, no tsx at run time), into a temp folder with the shell parser's wasm files
// beside it, so the bench measures processes as users run them. Plus a child process
// whose stdout lines are read as they come.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { repoRoot } from '../../test/e2e/paths';

export async function bundleNode(entry: string, outDir: string, name: string): Promise<string> {
  const outfile = path.join(outDir, `${name}.js`);
  await esbuild.build({
    entryPoints: [path.join(repoRoot, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'silent',
    legalComments: 'none',
    // as build.mjs: web-tree-sitter's ESM build needs import.meta.url in a CJS bundle
    define: { 'import.meta.url': '__tandem_import_meta_url' },
    banner: { js: "var __tandem_import_meta_url = require('url').pathToFileURL(__filename).href;" },
  });
  for (const [pkg, file] of [['web-tree-sitter', 'web-tree-sitter.wasm'], ['tree-sitter-bash', 'tree-sitter-bash.wasm']]) {
    copyFileSync(path.join(repoRoot, 'node_modules', pkg, file), path.join(outDir, file));
  }
  return outfile;
}

export interface LineChild {
  child: ChildProcess;
  lines: string[];
  /** Resolves with the first line matching `re` (rejects if the process ends first). */
  waitFor(re: RegExp): Promise<string>;
  exited: Promise<number | null>;
}

/** Spawns `file args` and collects its stdout lines; stderr is kept for error messages. */
export function spawnLines(file: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; onLine?: (line: string) => void } = {}): LineChild & { stderr(): string } {
  const child = spawn(file, args, { cwd: options.cwd ?? repoRoot, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiters: { re: RegExp; resolve: (l: string) => void; reject: (e: Error) => void }[] = [];
  let rest = '';
  let err = '';
  child.stderr!.on('data', (b: Buffer) => (err = (err + b.toString('utf8')).slice(-4000)));
  child.stdout!.on('data', (b: Buffer) => {
    const parts = (rest + b.toString('utf8')).split('\n');
    rest = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      options.onLine?.(line);
      for (const w of [...waiters]) {
        if (w.re.test(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
    }
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      for (const w of waiters.splice(0)) w.reject(new Error(`${path.basename(file)} exited (${code}) before printing ${w.re}: ${err.trim().slice(-500)}`));
      resolve(code);
    }),
  );
  return {
    child,
    lines,
    exited,
    stderr: () => err,
    waitFor: (re) =>
      new Promise((resolve, reject) => {
        const found = lines.find((l) => re.test(l));
        if (found !== undefined) return resolve(found);
        waiters.push({ re, resolve, reject });
      }),
  };
}
