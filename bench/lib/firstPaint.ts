// First paint of the chat view: a built webview (dist/webview.js, webview.css and, when
// present, dist/media/codicon.css + the font) loaded in a fresh page of Debian's
// Chromium with a fake acquireVsCodeApi that answers webview/ready at once with the
// snapshot of a session holding one finished answer with a code block (highlighted
// when the build has a highlighter). Measured per load: navigation start → the first
// frame after the composer and the answer's code block are in the DOM (rAF + a message
// after it), and the browser's first-contentful-paint. Several builds can be compared
// load by load, interleaved (A, B, A, B …), so machine noise hits both alike.
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumPath } from '../../test/e2e/paths';
import { dist, type Dist } from './stats';

const ANSWER = ['Here is the helper:', '', '```ts', '// Sums the values.', 'export function sum(values: number[]): number {', '  return values.reduce((a, b) => a + b, 0);', '}', '```', '', 'Done.'].join('\n');

const page = (codicons: boolean) => `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
${codicons ? '<link rel="stylesheet" id="vscode-codicon-stylesheet" href="media/codicon.css">' : ''}
<link rel="stylesheet" href="webview.css"><title>first paint</title>
<style>html,body{height:100%;margin:0}</style></head>
<body><div id="root"></div>
<script type="application/json" id="tandem-l10n">{}</script>
<script>
(() => {
  const config = { provider: 'custom', baseUrl: 'http://127.0.0.1:9', model: 'fake-model', models: ['fake-model'], reasoningEffort: 'medium', approvalPolicy: 'on-request', contextWindow: 128000, trusted: true };
  const items = [
    { id: 'u1', turnId: 't1', type: 'user_message', text: 'Please write a sum helper' },
    { id: 'a1', turnId: 't1', type: 'agent_message', text: ${JSON.stringify(ANSWER)} },
  ];
  const snapshot = { protocolVersion: 1, sessionId: 's1', title: 'Please write a sum helper', items, running: false, approvals: [], changes: [], config };
  window.acquireVsCodeApi = () => ({
    postMessage(m) {
      if (!m || m.kind !== 'request') return;
      const result = m.method === 'webview/ready' ? snapshot : { ok: true };
      setTimeout(() => window.postMessage({ kind: 'response', id: m.id, result }, '*'), 0);
    },
    getState() { return undefined; },
    setState() {},
  });
  window.__fp = {};
  new PerformanceObserver((l) => { for (const e of l.getEntries()) if (e.name === 'first-contentful-paint') window.__fp.fcp = e.startTime; }).observe({ type: 'paint', buffered: true });
  const ready = () => document.querySelector('textarea') && document.querySelector('.md-code pre code');
  const poll = () => {
    if (!ready()) return requestAnimationFrame(poll);
    requestAnimationFrame(() => { const ch = new MessageChannel(); ch.port1.onmessage = () => { window.__fp.chat = performance.now(); }; ch.port2.postMessage(0); });
  };
  requestAnimationFrame(poll);
})();
</script>
<script src="webview.js"></script>
</body></html>`;

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf', '.html': 'text/html' };

/** Serves each dist folder under /<index>/. */
async function serve(dists: string[]): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const m = /^\/(\d+)\/(.*)$/.exec(req.url ?? '');
    const dir = m ? dists[Number(m[1])] : undefined;
    if (!m || !dir) return void res.writeHead(404).end();
    const rel = m[2] || 'index.html';
    if (rel === 'index.html') return void res.writeHead(200, { 'content-type': 'text/html' }).end(page(existsSync(path.join(dir, 'media/codicon.css'))));
    const file = path.join(dir, rel);
    if (!file.startsWith(dir) || !existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}

export interface FirstPaint {
  chat: Dist;
  fcp: Dist;
}

/** `runs` loads of each dist folder, interleaved; one result per folder. */
export async function firstPaint(dists: string[], runs = 15): Promise<FirstPaint[]> {
  const srv = await serve(dists);
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const chat: number[][] = dists.map(() => []);
  const fcp: number[][] = dists.map(() => []);
  try {
    for (let i = 0; i < runs + 1; i++) {
      for (let d = 0; d < dists.length; d++) {
        const context = await browser.newContext({ viewport: { width: 300, height: 808 } });
        const p = await context.newPage();
        await p.goto(`${srv.url}/${d}/index.html`);
        await p.waitForFunction('window.__fp && window.__fp.chat !== undefined && window.__fp.fcp !== undefined', undefined, { timeout: 30_000 });
        const r = (await p.evaluate('window.__fp')) as { chat: number; fcp: number };
        if (i > 0) {
          // the first round warms the browser and the disk cache; it is not counted
          chat[d].push(r.chat);
          fcp[d].push(r.fcp);
        }
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await srv.close();
  }
  return dists.map((_, d) => ({ chat: dist(chat[d]), fcp: dist(fcp[d]) }));
}
