// The probe the streaming area (bench/areas/streaming.ts) installs in the webview frame,
// and the reading of its Event Timing entries. Kept apart so the area stays readable.
import { dist, fmtDist, ms, quantile } from '../lib/stats';
import { notMeasured, type Figure } from '../lib/types';

/**
 * Installs the observers in the webview frame (idempotent). A string, not a function:
 * tsx's keepNames would put a `__name` helper into a serialised function.
 * - posts: EVERY window "message" event, bytes = JSON.stringify(data).length; compact delta
 *   posts ([ref, text, …], ref = handle or [handle, itemId]) are decoded with the same
 *   handle rules as the webview (src/protocol/messages.ts) so each post knows its items.
 * - et: Event Timing entries (type "event", durationThreshold 16, buffered; plus
 *   "first-input"), keys: every keydown on the composer with its timeStamp and the
 *   old double-rAF figure.
 */
export const INSTRUMENT = `(() => {
  if (window.__bench) return;
  const now = () => performance.timeOrigin + performance.now();
  const bench = { painted: {}, posts: [], keys: [], et: [], etSupported: [] };
  window.__bench = bench;
  const handles = new Map();
  window.addEventListener('message', (e) => {
    const d = e.data;
    let bytes = 0;
    try { bytes = (JSON.stringify(d) || '').length; } catch { bytes = NaN; }
    const post = { t: now(), method: 'other', bytes, itemIds: [], text: 0 };
    if (d && d.kind === 'notification') {
      post.method = d.method;
      const p = d.params || {};
      const id = p.itemId || (p.item && p.item.id);
      if (id) post.itemIds.push(id);
      if (typeof p.text === 'string') post.text = p.text.length;
      if (d.method === 'item/completed' && id) for (const [h, v] of handles) if (v === id) handles.delete(h);
    } else if (d && d.kind === 'response') {
      post.method = 'response';
    } else if (Array.isArray(d)) {
      // compact delta post: [ref, text, ref, text, …], ref = handle or [handle, itemId]
      post.method = 'deltas';
      for (let i = 0; i + 1 < d.length; i += 2) {
        const ref = d[i];
        const handle = Array.isArray(ref) ? ref[0] : ref;
        if (Array.isArray(ref)) handles.set(handle, ref[1]);
        const id = handles.get(handle);
        if (id && !post.itemIds.includes(id)) post.itemIds.push(id);
        if (typeof d[i + 1] === 'string') post.text += d[i + 1].length;
      }
    }
    bench.posts.push(post);
  }, true);
  // Which code runs inside an animation-frame callback: a DOM change made there is
  // painted at the end of THAT frame, one made in a plain task at the end of the next.
  // The flag stays set until the first task after the frame, so it also covers the
  // microtasks the callbacks queue (React commits a store update in one).
  const afterPaint = (done) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => done(now());
    ch.port2.postMessage(0);
  };
  let inFrame = false;
  let clearing = false;
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (cb) => raf((t) => {
    inFrame = true;
    if (!clearing) { clearing = true; afterPaint(() => { inFrame = false; clearing = false; }); }
    cb(t);
  });
  bench.paintedNextRaf = {};
  let max = -1;
  let pending = false;
  let changedInFrame = false;
  const scan = () => {
    pending = false;
    const arts = document.querySelectorAll('[aria-label="Tandem said"]');
    const last = arts[arts.length - 1];
    if (!last) return;
    const m = /w(\\d{4})\\s*$/.exec((last.textContent || '').slice(-40).trimEnd());
    if (!m) return;
    const n = Number(m[1]);
    if (n <= max) return;
    const from = max + 1;
    max = n;
    const keys = [];
    for (let i = from; i <= n; i++) keys.push('w' + String(i).padStart(4, '0'));
    // painted = the first task after the frame that shows the change has been rendered
    // (a MessageChannel message queued after that frame's rendering steps): the frame
    // being rendered now when the change was made in an animation-frame callback, else
    // the next one (rAF, then the message)
    const mark = (t) => { for (const k of keys) bench.painted[k] = t; };
    if (changedInFrame) afterPaint(mark);
    else raf(() => afterPaint(mark));
    // the previous method, kept for comparison: the next rAF after the change, which for a
    // change made inside a frame callback is one frame after the frame that painted it
    raf(() => { const t = now(); for (const k of keys) bench.paintedNextRaf[k] = t; });
  };
  new MutationObserver(() => {
    if (!pending) { pending = true; changedInFrame = inFrame; queueMicrotask(scan); }
  }).observe(document.body, { subtree: true, childList: true, characterData: true });
  const isComposer = (el) => !!(el && el.getAttribute && el.getAttribute('aria-label') === 'Message Tandem');
  const record = (list) => {
    for (const e of list.getEntries()) {
      bench.et.push({ entryType: e.entryType, name: e.name, start: e.startTime, duration: e.duration, processingStart: e.processingStart, processingEnd: e.processingEnd, interactionId: e.interactionId || 0, composer: isComposer(e.target) });
    }
  };
  bench.etSupported = (PerformanceObserver.supportedEntryTypes || []).slice();
  try { new PerformanceObserver(record).observe({ type: 'event', durationThreshold: 16, buffered: true }); } catch (err) { bench.etError = String(err); }
  try { new PerformanceObserver(record).observe({ type: 'first-input', buffered: true }); } catch (err) { bench.etError = String(err); }
  document.addEventListener('keydown', (e) => {
    if (!isComposer(e.target)) return;
    const key = { t: e.timeStamp, epoch: performance.timeOrigin + e.timeStamp, twoFrames: NaN };
    bench.keys.push(key);
    requestAnimationFrame(() => requestAnimationFrame((t1) => { key.twoFrames = t1 - key.t; }));
  }, true);
})()`;

export interface Post {
  t: number;
  /** notification method, 'response', 'deltas' (compact DeltaPost) or 'other' */
  method: string;
  bytes: number;
  itemIds: string[];
  /** characters of streamed text carried */
  text: number;
}
export interface Key {
  t: number;
  epoch: number;
  twoFrames: number;
}
export interface TimingEntry {
  entryType: string;
  name: string;
  start: number;
  duration: number;
  processingStart: number;
  processingEnd: number;
  interactionId: number;
  composer: boolean;
}
export interface Probe {
  /** token → the first task after the frame that painted it */
  painted: Record<string, number>;
  /** token → the next rAF after the change (the method before 2026-11-24, for comparison) */
  paintedNextRaf?: Record<string, number>;
  posts: Post[];
  keys: Key[];
  et: TimingEntry[];
  etSupported: string[];
  etError?: string;
}

const KEY_EVENTS = new Set(['keydown', 'keypress', 'beforeinput', 'input']);

/**
 * Event Timing per composer key: its longest keydown, keypress or (before)input entry
 * (keydown/keypress by the keydown's interactionId, (before)input, whose interactionId is
 * 0 in Chromium, by time). `undefined` = no entry, i.e. under 16 ms.
 */
function perKey(keys: Key[], et: TimingEntry[]): { worst: (TimingEntry | undefined)[]; keyups: number[] } {
  const byTime = keys.map((k, i) => ({ t: k.t, i })).sort((a, b) => a.t - b.t);
  const keyAt = (start: number) => byTime.filter((k) => k.t <= start + 0.5).at(-1)?.i;
  const ids = new Map<number, number>();
  for (const e of et) {
    if (e.name !== 'keydown' || !e.interactionId) continue;
    const i = keys.findIndex((k) => Math.abs(k.t - e.start) < 0.5);
    if (i >= 0) ids.set(e.interactionId, i);
  }
  const worst: (TimingEntry | undefined)[] = keys.map(() => undefined);
  const keyups: number[] = [];
  for (const e of et) {
    const i = e.interactionId ? ids.get(e.interactionId) : e.composer ? keyAt(e.start) : undefined;
    if (i === undefined) continue;
    if (e.name === 'keyup') keyups.push(e.duration);
    else if (KEY_EVENTS.has(e.name) && e.duration > (worst[i]?.duration ?? -1)) worst[i] = e;
  }
  return { worst, keyups };
}

/** Nearest-rank quantile where `undefined` (below the 16 ms threshold) sorts lowest. */
function censored(values: (number | undefined)[], q: number): number | undefined {
  const sorted = values.map((v) => v ?? -1).sort((a, b) => a - b);
  const v = quantile(sorted, q);
  return v < 0 ? undefined : v;
}
const fmtCensored = (v: number | undefined) => (v === undefined ? '< 16 ms' : `${v} ms`);
const med = (xs: number[]) => ms(dist(xs).median);

/** Median and p95 of the keys' Event Timing (censored below 16 ms) and what the time went to. */
function keyTiming(keys: Key[], et: TimingEntry[]) {
  const { worst, keyups } = perKey(keys, et);
  const seen = worst.filter((e): e is TimingEntry => e !== undefined);
  const durations = worst.map((e) => e?.duration);
  const p95 = censored(durations, 0.95);
  const value = `median ${fmtCensored(censored(durations, 0.5))}, p95 ${fmtCensored(p95)} (n=${keys.length} keys; ${seen.length} with an entry ≥ 16 ms${seen.length ? `, max ${Math.max(...seen.map((e) => e.duration))} ms` : ''})`;
  // where the time of the keys with an entry went: waiting for the main thread, handlers, then to the presented frame
  const split = seen.length
    ? `input delay ${med(seen.map((e) => e.processingStart - e.start))}, handlers ${med(seen.map((e) => e.processingEnd - e.processingStart))}, handlers end → next frame presented ${med(seen.map((e) => e.duration - (e.processingEnd - e.start)))}`
    : 'no key reached 16 ms';
  return { p95, value, split, keyups: keyups.filter((v) => v >= 16).length };
}

export function keyFigures(keys: Key[], idle: Key[], probe: Probe, browser: string): Figure[] {
  const out: Figure[] = [];
  const figure = 'keypress → paint in the composer while the answer streams (Event Timing, small session)';
  const frames = dist(keys.map((k) => k.twoFrames).filter(Number.isFinite));
  if (!probe.etSupported.includes('event') || probe.etError) {
    out.push(notMeasured(figure, 'p95 < 16 ms', `Event Timing unavailable in the webview frame (${probe.etError ?? `supported: ${probe.etSupported.join(', ')}`})`));
  } else if (keys.length === 0) {
    out.push(notMeasured(figure, 'p95 < 16 ms', 'no key reached the composer while the answer streamed'));
  } else {
    const k = keyTiming(keys, probe.et);
    const floor = keyTiming(idle, probe.et);
    out.push({
      figure,
      budget: 'p95 < 16 ms',
      value: k.value,
      ok: k.p95 === undefined,
      reading: `${browser} Event Timing in the webview frame (PerformanceObserver type "event", durationThreshold 16, buffered, plus "first-input"): per key the longest duration of its keydown/keypress/(before)input entries = hardware timestamp → handlers → next frame presented, rounded to the nearest 8 ms; 16 is the threshold's minimum and shorter entries are never reported, so a key with no entry took < 16 ms (really < ~12 ms before rounding) and counts as such. Medians of the keys with an entry: ${k.split}; keyup (the release) excluded, ${k.keyups} keyups ≥ 16 ms`,
    });
    out.push({
      figure: 'same keys, same composer, nothing streaming (Event Timing floor of this browser)',
      value: idle.length ? floor.value : 'not measured',
      reading: idle.length ? `what a key costs here with an idle page: headless Chromium with software compositing; ${floor.split}` : 'no idle keys recorded',
    });
  }
  out.push({
    figure: 'keypress → paint, upper bound (two frames)',
    value: frames.n ? fmtDist(frames) : 'not measured',
    reading: 'the old figure: keydown timeStamp → the frame-start timestamp of the second requestAnimationFrame after it, i.e. about one frame plus frame alignment whatever the key costs; it ends before the key\'s frame is presented, so it is not the paint and not a reliable bound (it has read both below and above Event Timing on this machine)',
  });
  return out;
}
