// Area 3, long sessions, in real VS Code (code-server + Chromium) and, for comparison in
// the same run, a standalone page running the same webview bundle fed (a) Tandem's
// protocol and (b) the BASELINE peers use: a full state/snapshot on every update.
//
// Editor: a 5,000-item session log (bench/fixtures/longSession.ts) is written into the
// extension's globalStorage folder of the fresh code-server profile
// (<user-data-dir>/User/globalStorage/tandem-dev.tandem/sessions/) after the workbench
// loads but before Tandem activates (activation is lazy; checked), with cwd = the opened
// folder so History lists it. Then: open the view, History, click the session (3 opens;
// between them "New chat"), time click → newest turn painted inside the webview frame;
// send a message and type in the composer while the fake server streams the answer.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { CDPSession } from 'playwright-core';
import { openTandemView, withTandem, waitUntil, type Webview } from '../../test/e2e/harness';
import { activationLines, benchContext, editorUnavailable, startMarkedServer } from '../lib/editor';
import { buildLongSession, LONG_SESSION_ID, LONG_SESSION_TITLE, NEWEST_MARKER, writeLongSession } from '../fixtures/longSession';
import { longProbe, READ_PROBE, type LongProbeData } from '../lib/longProbe';
import { findDescendant, rssBytes } from '../lib/procTree';
import { startStandaloneServer } from '../lib/standalonePage';
import { jsHeap, runStandalone, sampleMax, type PageRun } from '../lib/standaloneRun';
import { dist, fmtDist, mb, ms, sample } from '../lib/stats';
import { SNAPSHOT_ITEMS } from '../../src/host/session/sessionController';
import type { Area, Figure } from '../lib/types';
import { notMeasured } from '../lib/types';
import { readSessionPreview, readSessionRecords, rebuildSession } from '../../src/core/index';

const OPENS = 3;
const TOKENS = 2400; // 12 s at 200 tokens/s, as area 2 streams (6 chars every 5 ms)
const TEXT = Array.from({ length: TOKENS }, (_, i) => `w${String(i).padStart(4, '0')} `).join('');
const TYPED = 'typing while the answer streams, to time each keypress. and a second sentence here';
const KEY_DELAY = 60;
// the standalone page posts at the host's batched rate: one post per 34 ms (DeltaBatcher)
const PAGE_INTERVAL = 34;
const PAGE_CHARS = Math.round((6 / 5) * PAGE_INTERVAL); // the same 1,200 chars/s

const probe = async (view: Webview) => (await view.frame.evaluate(READ_PROBE)) as LongProbeData;

interface EditorRun {
  opens: { total: number; hostPost?: number; listMs?: number }[];
  coreResume: number[];
  preview: number[];
  stringify: number[];
  frameCdpError?: string;
  fileMb: number;
  heapMethod: string;
  heapBeforeView?: number;
  heapAfterOpen?: number;
  heapPeak?: number;
  heapAfterStream?: number;
  extPid?: number;
  rssBefore?: number;
  rssAfterOpen?: number;
  rssPeak?: number;
  keys: number[];
  keys2: number[];
  slowKeys: number[];
  eventTimingError?: string;
  longTasks: number[];
  viewport: { width: number; height: number };
  writtenBeforeActivation: boolean;
}

async function measureEditor(log: (l: string) => void): Promise<{ editor: EditorRun; baseline: { delta: PageRun; snapshot: PageRun } }> {
  const server = await startMarkedServer(/(?!)/g);
  let result: { editor: EditorRun; baseline: { delta: PageRun; snapshot: PageRun } } | undefined;
  try {
    await withTandem(benchContext('bench long session'), { openView: false, rules: [{ reply: { text: TEXT, chunkSize: 6, chunkDelayMs: 5 } }] }, async (s) => {
      const session = buildLongSession(s.server.workspace);
      const storage = path.join(s.server.userDataDir, 'User/globalStorage/tandem-dev.tandem');
      await s.page.waitForTimeout(3000);
      const writtenBeforeActivation = activationLines(s.server.userDataDir).length === 0;
      const file = writeLongSession(storage, session);
      log(`wrote ${session.items.length} items (${mb(session.bytes)}) to ${file}`);

      const ext = findDescendant(s.server.userDataDir, /extensionHost/);
      const rssBefore = ext ? rssBytes(ext.pid) : undefined;
      const pageCdp = await s.page.context().newCDPSession(s.page);
      const heapBeforeView = await jsHeap(pageCdp, true);
      await openTandemView(s.page);
      const view = await s.webview();
      // the webview frame is its own CDP target when it is an out-of-process iframe
      let frameCdp: CDPSession | undefined;
      let frameCdpError: string | undefined;
      try {
        frameCdp = await s.page.context().newCDPSession(view.frame);
      } catch (err) {
        frameCdpError = (err as Error).message.split('\n')[0];
        log(`no CDP target of its own for the webview frame: ${frameCdpError}`);
      }
      const heapCdp = frameCdp ?? pageCdp;
      const heapMethod = frameCdp
        ? 'CDP Performance.getMetrics JSHeapUsedSize of the webview frame\'s own target (out-of-process iframe), after HeapProfiler.collectGarbage'
        : 'the webview frame shares the workbench renderer (same-origin iframe, no own CDP target): CDP Performance.getMetrics JSHeapUsedSize of the workbench page after HeapProfiler.collectGarbage, minus the same figure before the Tandem view was opened';
      const heapBase = frameCdp ? 0 : heapBeforeView;
      const viewport = (await view.frame.evaluate('({ width: innerWidth, height: innerHeight })')) as { width: number; height: number };
      await view.frame.evaluate(longProbe(NEWEST_MARKER));

      const opens: EditorRun['opens'] = [];
      for (let i = 0; i < OPENS; i++) {
        if (i > 0) {
          await s.titleAction('New Chat');
          await view.waitForText('Ask Tandem to explain, fix or build something', 30_000);
        }
        await s.titleAction('Open History');
        const history = view.frame.getByRole('region', { name: 'Chat history' });
        const entry = history.getByRole('button', { name: new RegExp(`^${LONG_SESSION_TITLE}`) });
        await entry.waitFor({ state: 'visible', timeout: 60_000 });
        if (i === 0) log(`History lists: ${(await entry.innerText()).replace(/\s+/g, ' ')}`);
        await view.frame.evaluate('window.__lb.startAt = undefined');
        await entry.click();
        await waitUntil('the newest turn painted', async () => (await probe(view)).paintedAt, 180_000, 100);
        const p = await probe(view);
        opens.push({
          total: p.paintedAt! - p.startAt!,
          hostPost: p.responseAt !== undefined ? p.responseAt - p.startAt! : undefined,
          listMs: p.historyAt !== undefined && p.listedAt !== undefined ? p.listedAt - p.historyAt : undefined,
        });
        log(`open ${i + 1}: ${ms(opens[i].total)} (response in the frame after ${opens[i].hostPost?.toFixed(0)} ms; History list shown ${opens[i].listMs?.toFixed(0)} ms after its click)`);
        await s.page.waitForTimeout(1000);
      }
      const heapAfterOpen = (await jsHeap(heapCdp, true)) - heapBase;
      const rssAfterOpen = ext ? rssBytes(ext.pid) : undefined;

      // stream a new answer into the long session and type while it streams
      const heapPeak = sampleMax(() => jsHeap(heapCdp, false));
      const rssPeak = sampleMax(async () => (ext ? rssBytes(ext.pid) : undefined));
      await view.send('Stream the benchmark answer.');
      await waitUntil('the answer streams', async () => /w00[1-9]\d/.test(await view.lastAgentText()), 60_000, 100);
      await view.frame.evaluate('window.__lb.streaming = true');
      await view.composer.click();
      await s.page.keyboard.type(TYPED, { delay: KEY_DELAY });
      await s.page.waitForTimeout(300);
      await view.frame.evaluate('window.__lb.streaming = false');
      const streamingStill = await view.button('Stop').isVisible();
      const data = await probe(view);
      await view.waitForIdle(120_000);
      const peakHeap = (await heapPeak.stop()) - heapBase;
      const peakRss = await rssPeak.stop();
      const heapAfterStream = (await jsHeap(heapCdp, true)) - heapBase;
      log(`typed ${data.keys.length} keys (answer still streaming at the end: ${streamingStill})`);
      // the core's share of an open, in plain Node on the same file: the log's tail read
      // for the snapshot (before the response), the JSON of that snapshot, and what
      // createAgent does on resume (read + parse + rebuild) after the response went out
      const preview = await sample(3, async () => readSessionPreview(storage, LONG_SESSION_ID, SNAPSHOT_ITEMS), 1);
      const previewItems = (await readSessionPreview(storage, LONG_SESSION_ID, SNAPSHOT_ITEMS)).items;
      const coreResume = await sample(3, async () => rebuildSession(await readSessionRecords(storage, LONG_SESSION_ID)), 1);
      const stringify = await sample(3, () => JSON.stringify({ kind: 'response', id: 1, result: { items: previewItems } }), 1);
      const editor: EditorRun = {
        opens, coreResume, preview, stringify, frameCdpError, fileMb: session.bytes / 1024 / 1024, heapMethod, heapBeforeView, heapAfterOpen, heapPeak: peakHeap, heapAfterStream,
        extPid: ext?.pid, rssBefore, rssAfterOpen, rssPeak: peakRss || undefined, keys: data.keys, keys2: data.keys2, slowKeys: data.slowKeys, eventTimingError: data.eventTimingError, longTasks: data.longTasks, viewport, writtenBeforeActivation,
      };

      // ---- standalone page, same browser: Tandem's protocol vs the full-snapshot baseline
      const page = await startStandaloneServer(session.items);
      try {
        const common = { marker: NEWEST_MARKER, viewport, text: TEXT, chars: PAGE_CHARS, intervalMs: PAGE_INTERVAL, typed: TYPED, keyDelayMs: KEY_DELAY };
        log('standalone page, Tandem protocol (compact item/updated posts) …');
        const delta = await runStandalone(s.browser, page.url, { ...common, mode: 'delta' });
        log('standalone page, BASELINE (full state/snapshot per update) …');
        const snapshot = await runStandalone(s.browser, page.url, { ...common, mode: 'snapshot' });
        result = { editor, baseline: { delta, snapshot } };
      } finally {
        await page.close();
      }
    });
  } finally {
    await server.restore();
  }
  return result!;
}

/**
 * p95 of Event Timing keydown durations: the browser reports only keydowns ≥ 16 ms, so the
 * unreported ones count as "under 16 ms"; 8 ms granularity.
 */
function eventTimingP95(slow: number[], n: number): string {
  if (!n) return '—';
  const all = [...slow, ...new Array(Math.max(0, n - slow.length)).fill(0)].sort((a, b) => a - b);
  const p = all[Math.min(all.length - 1, Math.ceil(0.95 * all.length) - 1)];
  return p < 16 ? '< 16 ms' : ms(p);
}

const sumOver = (xs: number[], min: number) => xs.filter((x) => x > min).reduce((a, b) => a + b, 0);

export const longSessionArea: Area = {
  id: 'long-session',
  title: '3. Long sessions',
  aliases: ['3', 'long', 'history'],
  async run(log) {
    const why = editorUnavailable();
    if (why) return { figures: [], notMeasured: why };
    if (!existsSync('/proc')) return { figures: [], notMeasured: 'no /proc: the extension host cannot be found' };
    const { editor: e, baseline } = await measureEditor(log);
    const figures: Figure[] = [];
    const opens = dist(e.opens.map((o) => o.total));
    const host = e.opens.map((o) => o.hostPost).filter((x): x is number => x !== undefined);
    figures.push({
      figure: `open from History → newest turn painted (5,000 items, ${e.fileMb.toFixed(1)} MB log; ${OPENS} opens, first cold)`,
      budget: '< 300 ms',
      value: `${e.opens.map((o) => ms(o.total)).join(', ')}; median ${ms(opens.median)}`,
      ok: opens.median < 300,
      reading: host.length === e.opens.length
        ? `click → snapshot response in the frame ${host.map((h) => h.toFixed(0)).join(' / ')} ms (host: the newest ${SNAPSHOT_ITEMS} items read from the log's tail, in plain Node median ${ms(dist(e.preview ?? []).median)}, and their JSON median ${ms(dist(e.stringify).median)}; the agent (read + parse the whole log and resume, plain Node median ${ms(dist(e.coreResume).median)}) is built after the response, so a quick reopen can wait for the previous build; the rest: extension host IPC, the workbench's parse and two frame hops on the renderer main thread), then reducer + first virtualised render ${e.opens.map((o) => (o.total - o.hostPost!).toFixed(0)).join(' / ')} ms. Opening History itself: ${e.opens.map((o) => (o.listMs !== undefined ? o.listMs.toFixed(0) : '?')).join(' / ')} ms to list (listSessions reads and parses every log whole)`
        : 'the snapshot response was not seen in the frame; no breakdown',
    });
    figures.push({
      figure: 'webview JS heap, 5,000-item session open (after forced GC)',
      budget: '< 150 MB',
      value: e.heapAfterOpen !== undefined ? mb(e.heapAfterOpen) : 'not measured',
      ok: e.heapAfterOpen !== undefined ? e.heapAfterOpen < 150 * 1024 * 1024 : undefined,
      reading: `the session's items (${e.fileMb.toFixed(1)} MB as JSON, command outputs dominate) are held whole in the webview state; only visible rows are mounted. Method: ${e.heapMethod}`,
    });
    figures.push({
      figure: 'webview JS heap while a new answer streams: peak (no GC) / after (forced GC)',
      budget: '< 150 MB',
      value: `${e.heapPeak !== undefined ? mb(e.heapPeak) : 'not measured'} / ${e.heapAfterStream !== undefined ? mb(e.heapAfterStream) : 'not measured'}`,
      ok: e.heapPeak !== undefined ? e.heapPeak < 150 * 1024 * 1024 : undefined,
      reading: 'peak sampled every 250 ms without GC (garbage included); same method as above',
    });
    figures.push(
      e.rssAfterOpen !== undefined && e.rssBefore !== undefined
        ? {
            figure: 'extension host RSS: before activation → session open → peak while streaming',
            value: `${mb(e.rssBefore)} → ${mb(e.rssAfterOpen)} (+${mb(e.rssAfterOpen - e.rssBefore)}) → ${e.rssPeak !== undefined ? mb(e.rssPeak) : '?'}`,
            reading: `VmRSS of code-server's extension host (pid ${e.extPid}, found by 'extensionHost' in the command line under the code-server process); RSS, not V8 heap (the host's heap needs an inspector port the harness does not open); includes the built-in extensions and the loaded core bundle`,
          }
        : notMeasured('extension host RSS', undefined, 'no process with "extensionHost" in its command line under the code-server process'),
    );
    const k = dist(e.keys);
    figures.push({
      figure: 'keypress → paint in the composer while an answer streams, 5,000-item session open',
      budget: 'p95 < 16 ms',
      value: e.keys.length ? `${fmtDist(k)}; max ${ms(k.max)}` : 'not measured',
      ok: e.keys.length ? k.p95 < 16 : undefined,
      reading: `keydown event time → after the next paint (rAF, then a MessageChannel message); area 2's double-rAF method gives p95 ${e.keys2.length ? ms(dist(e.keys2).p95) : '—'}; Event Timing (the browser's own keydown → next presentation, 8 ms steps) ${e.eventTimingError ? `unavailable (${e.eventTimingError})` : `p95 ${eventTimingP95(e.slowKeys, e.keys.length)}, ${e.slowKeys.length} of ${e.keys.length} ≥ 16 ms`}; long tasks in the frame while typing: ${e.longTasks.length} (${ms(sumOver(e.longTasks, 0))}); frame alignment alone is up to 16.7 ms`,
    });
    const d = baseline.delta;
    const b = baseline.snapshot;
    const kd = dist(d.keys);
    const kb = dist(b.keys);
    figures.push({
      figure: 'standalone page, same bundle + 5,000 items: open (snapshot posted → newest turn painted)',
      value: `${ms(d.openMs)} (Tandem run) / ${ms(b.openMs)} (baseline run)`,
      reading: 'both open with one full snapshot (as Tandem does on open); no host, no workbench: the webview-side share of the editor figure',
    });
    figures.push({
      figure: `keypress → paint while streaming: Tandem item/updated vs BASELINE full snapshot per update (standalone page, one post per ${PAGE_INTERVAL} ms)`,
      value: `Tandem ${kd.n ? fmtDist(kd) : 'not measured'}; BASELINE ${kb.n ? fmtDist(kb) : 'not measured'}${kd.n && kb.n ? `; p95 ${(kb.p95 / kd.p95).toFixed(1)}× worse` : ''}`,
      reading: `same method as the editor figure; Event Timing p95: Tandem ${eventTimingP95(d.slowKeys, d.keys.length)}, baseline ${eventTimingP95(b.slowKeys, b.keys.length)}; baseline posted ${b.posts} snapshots in ${b.seconds.toFixed(1)} s (${(b.posts / b.seconds).toFixed(1)}/s of ${(1000 / PAGE_INTERVAL).toFixed(1)} asked; Tandem ${(d.posts / d.seconds).toFixed(1)}/s); long tasks while typing: baseline ${b.longTasks.length} (${ms(sumOver(b.longTasks, 0))}), Tandem ${d.longTasks.length} (${ms(sumOver(d.longTasks, 0))}): structured clone + reducer + re-rendering every row per snapshot`,
    });
    figures.push({
      figure: 'JS heap, standalone page: session open (GC) / peak while streaming / after (GC)',
      value: `Tandem ${mb(d.heapAfterOpen)} / ${mb(d.heapPeakStreaming)} / ${mb(d.heapAfterStreaming)}; BASELINE ${mb(b.heapAfterOpen)} / ${mb(b.heapPeakStreaming)} / ${mb(b.heapAfterStreaming)} (empty app ${mb(d.heapEmpty)})`,
      reading: 'CDP Performance.getMetrics JSHeapUsedSize of the page\'s own renderer; the baseline\'s peak is the garbage of a 5,000-item copy per post',
    });
    const notes = [
      `Session fixture (bench/fixtures/longSession.ts): 250 turns × 20 items: user and agent messages (markdown with code blocks), reasoning, read_file tool calls, commands with 200-line outputs, file_change items; model history compacted before the last turn. Written ${e.writtenBeforeActivation ? 'before Tandem activated (the workbench was loaded, the extension had not started: activation is lazy)' : 'after Tandem had ALREADY activated (unexpected)'} into User/globalStorage/tandem-dev.tandem/sessions/ of the fresh code-server profile, cwd = the opened folder.`,
      'Webview heap: ' + (e.frameCdpError ? `the frame has no CDP target of its own (${e.frameCdpError}), so the figure is the workbench renderer's heap growth since before the view opened; it includes the view's workbench-side parts.` : "the frame's own CDP target."),
      '"Painted": a requestAnimationFrame poll inside the webview frame finds the newest agent message\'s marker text in the DOM and inside the viewport; the time is the next rAF (after that frame painted). Start: the click event\'s own time in the frame. Same clock throughout (timeOrigin + now()).',
      `Standalone page: dist/webview.js + dist/webview.css served by the bench with a fake acquireVsCodeApi, in a new context of the same Chromium at the webview's size (${e.viewport.width}×${e.viewport.height}); an in-page driver posts with window.postMessage (a structured clone, as the workbench → webview hop). BASELINE = a full state/snapshot (all 5,000 items + the growing answer) per update at the host's batched rate; Tandem = one compact item/updated post per update. In code-server the real hop is worse for the baseline: the workbench and the webview frames share one renderer main thread, and each post is parsed there and cloned twice (workbench → webview host frame → content frame).`,
    ];
    return { figures, notes };
  },
};
