// A standalone page for area 3 that runs Tandem's real webview bundle (dist/webview.js +
// dist/webview.css) outside VS Code, with a fake `acquireVsCodeApi`. The "host" is a
// driver inside the page: it answers webview/ready with a snapshot of the long session
// and then streams a new answer either
//   mode 'delta':    Tandem's protocol (one compact DeltaPost of item/updated text per batch), or
//   mode 'snapshot': the BASELINE peers use: a full `state/snapshot` with every item on
//                    every update.
// Messages go through window.postMessage, so each one pays a structured clone, as a post
// from the workbench into a webview frame does. Served by a tiny HTTP server in the
// bench process; the items are fetched once as JSON.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { repoRoot } from '../../test/e2e/paths';

const HTML = `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8"><link rel="stylesheet" href="/webview.css"><title>Tandem standalone</title>
<style>html,body{height:100%;margin:0}</style></head>
<body><div id="root"></div>
<script>
(() => {
  let saved;
  const fake = { readyId: undefined, requests: [] };
  window.__fake = fake;
  fake.reply = (id, result) => window.postMessage({ kind: 'response', id, result }, '*');
  fake.notify = (method, params) => window.postMessage({ kind: 'notification', method, params }, '*');
  fake.post = (deltaPost) => window.postMessage(deltaPost, '*');
  const defaults = { 'session/list': { sessions: [] }, 'files/search': { files: [] }, 'context/selection': {}, 'context/problems': {} };
  window.acquireVsCodeApi = () => ({
    postMessage(m) {
      if (!m || m.kind !== 'request') return;
      fake.requests.push(m.method);
      if (m.method === 'webview/ready') { fake.readyId = m.id; return; }
      setTimeout(() => fake.reply(m.id, defaults[m.method] || { ok: true }), 0);
    },
    getState() { return saved; },
    setState(s) { saved = s; },
  });
})();
</script>
<script src="/webview.js"></script>
</body></html>`;

/** Driver installed with page.evaluate (a string: see longProbe.ts on keepNames). */
export const DRIVER = `(() => {
  const fake = window.__fake;
  const config = { provider: 'custom', baseUrl: 'http://127.0.0.1:9', model: 'fake-model', models: ['fake-model'], reasoningEffort: 'medium', approvalPolicy: 'on-request', contextWindow: 128000, trusted: true };
  const snap = (items, running) => ({ protocolVersion: 1, sessionId: 'bench-session', title: 'Long bench session', items, running, approvals: [], changes: [], config });
  window.__drive = {
    async load() {
      window.__items = await (await fetch('/items.json')).json();
      return window.__items.length;
    },
    open() {
      window.__lb.watch(performance.timeOrigin + performance.now());
      fake.reply(fake.readyId, snap(window.__items, false));
    },
    stop() { window.__stopStream = true; },
    // streams text in chunks of 'chars' every 'intervalMs' until the text ends or stop();
    // resolves with how many posts went out over how long
    stream(mode, text, chars, intervalMs) {
      window.__stopStream = false;
      const base = window.__items;
      const user = { id: 'bench-u', turnId: 'bench-t', type: 'user_message', text: 'Stream the benchmark answer.' };
      const agent = { id: 'bench-a', turnId: 'bench-t', type: 'agent_message', text: '' };
      if (mode === 'delta') {
        fake.notify('turn/started', { turnId: 'bench-t' });
        fake.notify('item/started', { item: user });
        fake.notify('item/completed', { item: user });
        fake.notify('item/started', { item: agent });
      } else {
        fake.notify('state/snapshot', snap(base.concat([user, agent]), true));
      }
      let at = 0, posts = 0;
      const t0 = performance.now();
      return new Promise((resolve) => {
        const timer = setInterval(() => {
          const chunk = text.slice(at, at + chars);
          at += chars;
          // the host's compact DeltaPost: the first one binds handle 1 to the item
          if (mode === 'delta') fake.post(posts === 0 ? [[1, 'bench-a'], chunk] : [1, chunk]);
          else fake.notify('state/snapshot', snap(base.concat([user, { ...agent, text: text.slice(0, at) }]), true));
          posts++;
          if (at >= text.length || window.__stopStream) {
            clearInterval(timer);
            resolve({ posts, seconds: (performance.now() - t0) / 1000 });
          }
        }, intervalMs);
      });
    },
  };
})()`;

export interface StandaloneServer {
  url: string;
  close(): Promise<void>;
}

/** Serves the page, the webview bundle and `items` (as /items.json) on 127.0.0.1. */
export async function startStandaloneServer(items: unknown[]): Promise<StandaloneServer> {
  const dist = path.join(repoRoot, 'dist');
  const js = readFileSync(path.join(dist, 'webview.js'));
  const css = readFileSync(path.join(dist, 'webview.css'));
  const json = Buffer.from(JSON.stringify(items));
  const server = http.createServer((req, res) => {
    const send = (type: string, body: string | Buffer) => {
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (req.url === '/') send('text/html; charset=utf-8', HTML);
    else if (req.url === '/webview.js') send('text/javascript; charset=utf-8', js);
    else if (req.url === '/webview.css') send('text/css; charset=utf-8', css);
    else if (req.url === '/items.json') send('application/json', json);
    else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
