// Runs the standalone page (bench/lib/standalonePage.ts) in one mode and measures what
// area 3 measures in the editor: open → newest turn painted, JS heap (CDP
// Performance.getMetrics JSHeapUsedSize of the page's own renderer, after a forced GC,
// plus the peak sampled without GC while streaming) and keypress → paint in the composer
// while the answer streams.
import type { Browser, CDPSession } from 'playwright-core';
import { waitUntil } from '../../test/e2e/harness';
import { longProbe, READ_PROBE, type LongProbeData } from './longProbe';
import { DRIVER } from './standalonePage';

export interface PageRun {
  openMs: number;
  heapAfterOpen: number;
  heapEmpty: number;
  heapPeakStreaming: number;
  heapAfterStreaming: number;
  keys: number[];
  keys2: number[];
  slowKeys: number[];
  longTasks: number[];
  posts: number;
  seconds: number;
}

export async function jsHeap(cdp: CDPSession, gc: boolean): Promise<number> {
  if (gc) await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = metrics.find((x) => x.name === 'JSHeapUsedSize');
  if (!m) throw new Error('Performance.getMetrics has no JSHeapUsedSize');
  return m.value;
}

/** Samples `read` every `ms` until stop() and returns the maximum seen. */
export function sampleMax(read: () => Promise<number | undefined>, ms = 250): { stop(): Promise<number> } {
  let max = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const v = await read().catch(() => undefined);
      if (v !== undefined && v > max) max = v;
      await new Promise((r) => setTimeout(r, ms));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return max;
    },
  };
}

export async function runStandalone(
  browser: Browser,
  url: string,
  options: { mode: 'delta' | 'snapshot'; marker: string; viewport: { width: number; height: number }; text: string; chars: number; intervalMs: number; typed: string; keyDelayMs: number },
): Promise<PageRun> {
  const context = await browser.newContext({ viewport: options.viewport });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await page.goto(url);
    await waitUntil('the page asked for its snapshot', () => page.evaluate('window.__fake && window.__fake.readyId !== undefined'), 30_000, 50);
    await page.evaluate(longProbe(options.marker));
    await page.evaluate(DRIVER);
    const n = (await page.evaluate('window.__drive.load()')) as number;
    if (n < 1000) throw new Error(`standalone page loaded only ${n} items`);
    const heapEmpty = await jsHeap(cdp, true);
    await page.evaluate('window.__drive.open()');
    await waitUntil('the newest turn painted (standalone page)', async () => ((await page.evaluate(READ_PROBE)) as LongProbeData).paintedAt, 120_000, 50);
    const painted = (await page.evaluate(READ_PROBE)) as LongProbeData;
    const openMs = painted.paintedAt! - painted.startAt!;
    await page.waitForTimeout(500);
    const heapAfterOpen = await jsHeap(cdp, true);

    const peak = sampleMax(() => jsHeap(cdp, false));
    await page.evaluate(`void (window.__streamDone = window.__drive.stream(${JSON.stringify(options.mode)}, ${JSON.stringify(options.text)}, ${options.chars}, ${options.intervalMs})), 0`);
    await page.waitForTimeout(1000);
    await page.evaluate('window.__lb.streaming = true');
    const composer = page.getByRole('textbox', { name: 'Message Tandem' });
    await composer.click();
    await page.keyboard.type(options.typed, { delay: options.keyDelayMs });
    await page.waitForTimeout(300);
    await page.evaluate('window.__lb.streaming = false');
    await page.evaluate('window.__drive.stop()');
    const streamed = (await page.evaluate('window.__streamDone')) as { posts: number; seconds: number };
    const heapPeakStreaming = await peak.stop();
    const data = (await page.evaluate(READ_PROBE)) as LongProbeData;
    const heapAfterStreaming = await jsHeap(cdp, true);
    return { openMs, heapAfterOpen, heapEmpty, heapPeakStreaming, heapAfterStreaming, keys: data.keys, keys2: data.keys2, slowKeys: data.slowKeys, longTasks: data.longTasks, posts: streamed.posts, seconds: streamed.seconds };
  } finally {
    await context.close().catch(() => undefined);
  }
}
