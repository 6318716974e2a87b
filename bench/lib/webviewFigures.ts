// Figures for the webview's look (bench area 1): what the VS Code controls, the codicon
// font and the highlighter add to the bundle, and what highlighting a finished block
// costs. Sizes come from esbuild's metafile of the production webview bundle (bytes each
// package contributes after minification); per-block cost is timed in Node on the very
// function the webview calls (webview/highlight/highlight.ts), since highlighting runs
// once per finished block, outside the per-token streaming path.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { highlightLines } from '../../webview/highlight/highlight';
import { highlightRows } from '../../webview/components/changes/DiffView';
import { diffRows } from '../../webview/components/changes/diffRows';
import { firstPaint } from './firstPaint';
import { dist, fmtDist, kb, sample } from './stats';
import type { Figure } from './types';

const GROUPS: [string, RegExp][] = [
  ['Prism (highlighter + ~27 languages)', /node_modules\/prismjs\//],
  ['@vscode-elements (button, progress ring) + Lit', /node_modules\/(@vscode-elements|lit|lit-html|lit-element|@lit)\//],
  ['@vscode/l10n', /node_modules\/@vscode\/l10n\//],
  ['React + React DOM', /node_modules\/(react|react-dom|scheduler)\//],
  ['markdown-it', /node_modules\/(markdown-it|mdurl|uc\.micro|linkify-it|punycode\.js|entities)\//],
  ['react-virtuoso', /node_modules\/react-virtuoso\//],
];

export async function webviewParts(root: string): Promise<{ total: number; parts: [string, number][] }> {
  const r = await esbuild.build({
    entryPoints: [path.join(root, 'webview/main.tsx')],
    bundle: true,
    minify: true,
    write: false,
    metafile: true,
    outdir: path.join(root, 'dist/bench-webview'),
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const js = Object.entries(r.metafile.outputs).find(([f]) => f.endsWith('.js'))!;
  const parts = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(js[1].inputs)) {
    const group = GROUPS.find(([, re]) => re.test(input))?.[0] ?? (input.includes('node_modules') ? 'other packages' : 'Tandem’s own webview code');
    parts.set(group, (parts.get(group) ?? 0) + bytesInOutput);
  }
  return { total: js[1].bytes, parts: [...parts].sort((a, b) => b[1] - a[1]) };
}

/** A 60-line TypeScript block, a 40-line Python one, and a 50-row diff hunk. */
function fixtures(root: string) {
  const ts = readFileSync(path.join(root, 'webview/components/composer/Composer.tsx'), 'utf8').split('\n').slice(0, 60).join('\n');
  const py = Array.from({ length: 10 }, (_, i) => `def f${i}(values: list[int]) -> int:\n    """Sum of the first ${i} values."""\n    total = 0  # running sum\n    return total + sum(values[:${i}])`).join('\n');
  const lines = readFileSync(path.join(root, 'webview/components/changes/FileReview.tsx'), 'utf8').split('\n').slice(40, 90);
  const hunk = { id: 'h0', header: '@@ -41,50 +41,50 @@', lines: lines.map((l, i) => (i % 7 === 3 ? `-${l}` : i % 7 === 4 ? `+${l}  // changed` : ` ${l}`)) };
  return { ts, py, hunk };
}

export async function highlightFigures(root: string): Promise<Figure[]> {
  const f = fixtures(root);
  const ts = dist(await sample(200, () => highlightLines(f.ts, 'ts'), 20));
  const py = dist(await sample(200, () => highlightLines(f.py, 'python'), 20));
  const rows = diffRows(f.hunk);
  const diff = dist(await sample(200, () => highlightRows(rows, 'typescript'), 20));
  return [
    {
      figure: 'syntax highlighting of one finished code block (Prism, once per block, not per token)',
      budget: 'p95 < 16 ms (a frame)',
      value: `60-line TypeScript ${fmtDist(ts)}; 40-line Python ${fmtDist(py)}`,
      ok: Math.max(ts.p95, py.p95) < 16,
      reading: `Node ${process.version} on webview/highlight/highlight.ts (tokenize + HTML per line); a streaming block stays plain text until its closing fence, so the streaming path pays nothing`,
    },
    {
      figure: 'syntax highlighting of one 50-row diff hunk (both sides, split per row)',
      budget: 'p95 < 16 ms (a frame)',
      value: fmtDist(diff),
      ok: diff.p95 < 16,
      reading: 'highlighted when a file is expanded in the Changes area (memoised per hunk)',
    },
  ];
}

export async function lookFigures(root: string): Promise<Figure[]> {
  const { total, parts } = await webviewParts(root);
  const font = statSync(path.join(root, 'node_modules/@vscode/codicons/dist/codicon.ttf')).size;
  const css = statSync(path.join(root, 'node_modules/@vscode/codicons/dist/codicon.css')).size;
  return [
    {
      figure: 'webview bundle by package (production, minified)',
      value: `${kb(total)} in all: ${parts.map(([g, b]) => `${g} ${kb(b)}`).join(', ')}`,
      reading: 'esbuild metafile bytes in the output; the codicon font is not in the bundle (below)',
    },
    {
      figure: 'codicon font + stylesheet (dist/media, loaded by the page from the extension’s files)',
      value: `${kb(font)} + ${kb(css)}`,
      reading: 'read once from disk when the view opens (first paint waits for the stylesheet, not the font: icons swap in)',
    },
    ...(await highlightFigures(root)),
    await firstPaintFigure(root),
  ];
}

async function firstPaintFigure(root: string): Promise<Figure> {
  const figure = 'first paint of the chat: page load → composer and a highlighted answer painted (standalone page, 300 × 808)';
  try {
    const [r] = await firstPaint([path.join(root, 'dist')], 12);
    return {
      figure,
      value: `${fmtDist(r.chat)}; first-contentful-paint ${fmtDist(r.fcp)}`,
      reading: 'dist/webview.js, webview.css and the codicon stylesheet in a fresh Chromium page with a fake host that answers at once (bench/lib/firstPaint.ts); A/B against another build: bench/firstPaintAB.ts',
    };
  } catch (err) {
    return { figure, value: 'not measured', reading: `Chromium could not run the page: ${(err as Error).message.split('\n')[0]}` };
  }
}
