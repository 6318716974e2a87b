// Area 5, sandbox: per-command cost of createSandboxedShell against a plain spawn of the
// same command, and reading many files inside the sandbox (overlay over the workspace
// plus the staging layer) against reading them outside.
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createNodeWorkspace, createSandboxedShell, createStagingArea, detectSandbox } from '../../src/core/index';
import { dist, fmtDist, ratio } from '../lib/stats';
import type { Area, Figure } from '../lib/types';

const RUNS = 200;
const FILES = 2000;

function plain(file: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b) => (out += b));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${file} exited ${code}`))));
  });
}

// Reads every file under the cwd and prints how long that took inside the process, so
// the figure excludes process start-up.
const READER = `const fs=require('fs'),p=require('path');const t=process.hrtime.bigint();let n=0,b=0;(function w(d){for(const e of fs.readdirSync(d,{withFileTypes:true})){const f=p.join(d,e.name);if(e.isDirectory())w(f);else{b+=fs.readFileSync(f).length;n++}}})('.');console.log(JSON.stringify({ms:Number(process.hrtime.bigint()-t)/1e6,n,b}))`;

export const sandboxArea: Area = {
  id: 'sandbox',
  title: '5. Sandbox',
  aliases: ['5'],
  async run(log) {
    const status = await detectSandbox();
    if (!status.available) return { figures: [], notMeasured: `detectSandbox() says the sandbox is unavailable: ${status.reason}` };
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'tandem-bench-sandbox-'));
    try {
      const root = path.join(tmp, 'ws');
      for (let i = 0; i < FILES; i++) {
        const dir = path.join(root, 'src', `d${Math.floor(i / 100)}`);
        if (i % 100 === 0) await mkdir(dir, { recursive: true });
        await writeFile(path.join(dir, `f${i}.txt`), `line ${i}\n`.repeat(400));
      }
      const ws = await createNodeWorkspace(root);
      const staging = await createStagingArea(ws, path.join(tmp, 'staging'));
      // some staged files, so reads go through the upper layer too
      for (let i = 0; i < FILES; i += 20) await staging.writeFile(`src/d${Math.floor(i / 100)}/f${i}.txt`, new TextEncoder().encode(`staged ${i}\n`.repeat(400)));
      const shell = createSandboxedShell({ workspaceRoot: root, staging });
      const boxed = async (argv: string[]) => {
        const r = await shell.run({ argv, cwd: root, timeoutMs: 60_000, signal: new AbortController().signal });
        if (r.exitCode !== 0) throw new Error(`sandboxed ${argv[0]} failed (${r.exitCode}): ${r.output.slice(0, 500)}`);
        return r.output;
      };
      const node = process.execPath;
      const time = async (fn: () => Promise<unknown>) => {
        const t0 = performance.now();
        await fn();
        return performance.now() - t0;
      };
      const figures: Figure[] = [];
      for (const [label, argv] of [
        ['`true`', ['true']],
        ['`node -e "1"`', [node, '-e', '1']],
      ] as const) {
        const a: number[] = [];
        const b: number[] = [];
        for (let i = 0; i < 3; i++) {
          await boxed([...argv]);
          await plain(argv[0], argv.slice(1), root);
        }
        // interleaved so both see the same machine load
        for (let i = 0; i < RUNS; i++) {
          a.push(await time(() => boxed([...argv])));
          b.push(await time(() => plain(argv[0], argv.slice(1), root)));
        }
        const da = dist(a);
        const db = dist(b);
        log(`${label}: sandboxed ${fmtDist(da)}, plain ${fmtDist(db)}`);
        figures.push({
          figure: `${label}: sandboxed vs plain spawn (${RUNS} runs each, interleaved)`,
          value: `${ratio(da.median / db.median)} (sandboxed ${fmtDist(da)}; plain ${fmtDist(db)}); overhead ${(da.median - db.median).toFixed(1)} ms`,
          reading: 'fixed per-command chain: unshare (user+mount ns) → shell script → overlay mount → bwrap (pid/net/ipc ns, fresh /proc and /dev, hidden dirs) → `find` over the upper dir → import into staging, plus temp dirs; it does not grow with the command',
        });
      }
      const inside: number[] = [];
      const outside: number[] = [];
      let seen = 0;
      for (let i = 0; i < 8; i++) {
        const o = JSON.parse((await boxed([node, '-e', READER])).trim().split('\n').pop()!);
        inside.push(o.ms);
        seen = o.n;
        outside.push(JSON.parse((await plain(node, ['-e', READER], root)).trim()).ms);
      }
      const di = dist(inside);
      const dout = dist(outside);
      figures.push({
        figure: `read ${FILES} files (4 KB, 5% staged) inside the sandbox vs outside, in-process time`,
        value: `${ratio(di.median / dout.median)} (inside ${fmtDist(di)}; outside ${fmtDist(dout)}; ${seen} files seen inside)`,
        reading: 'overlayfs lookups (workspace lower + staging layer) vs the plain file system; first-read dentry cost dominates',
      });
      return { figures, notes: ['Plain = child_process.spawn of the same argv in the workspace; sandboxed = createSandboxedShell().run() (one command at a time, as the agent runs them).'] };
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  },
};
