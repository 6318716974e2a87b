// In-page instrumentation for area 3 (long sessions), used both in the real Tandem
// webview frame (code-server) and in the standalone page (bench/lib/standalonePage.ts).
// A string, not a function: tsx's keepNames would put a `__name` helper into a
// serialised function.
//
// window.__lb records, all as epoch ms (performance.timeOrigin + now(), the same system
// clock as the bench process):
//   startAt      the click on a History entry (its event time), or lb.watch(t) in the page
//   responseAt   a response / snapshot carrying ≥ 1,000 items arrived (message event)
//   paintedAt    the frame after the one in which the newest turn's marker text was
//                in the DOM and inside the viewport (rAF poll: the check runs right
//                before a frame paints, the next rAF is after that paint)
//   keys         while lb.streaming: keydown event time → after the next paint (ms): a
//                message posted from the first rAF after the key runs once that frame's
//                rendering is done (the usual "after next paint" approximation)
//   keys2        the same keys, keydown → second rAF (the method of area 2; one frame more)
//   slowKeys     Event Timing entries (the browser's own event → next paint, 8 ms
//                granularity) for keydown ≥ 16 ms while streaming
//   historyAt / listedAt  the title bar's History (its panel/show reaching the frame) → the first session entry in the DOM (rAF)
//   longTasks    while lb.streaming: durations of long tasks (> 50 ms) in this frame
//   postTimes    while lb.streaming: arrival times of host messages
export function longProbe(marker: string): string {
  return `(() => {
  if (window.__lb) return;
  const now = () => performance.timeOrigin + performance.now();
  const lb = { marker: ${JSON.stringify(marker)}, startAt: undefined, responseAt: undefined, paintedAt: undefined, keys: [], keys2: [], slowKeys: [], longTasks: [], postTimes: [], streaming: false };
  window.__lb = lb;
  const visible = () => {
    const arts = document.querySelectorAll('[aria-label="Tandem said"]');
    const last = arts[arts.length - 1];
    if (!last || !(last.textContent || '').includes(lb.marker)) return false;
    const walker = document.createTreeWalker(last, NodeFilter.SHOW_TEXT);
    let n;
    while ((n = walker.nextNode())) {
      if (!n.nodeValue.includes(lb.marker)) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      const b = range.getBoundingClientRect();
      return b.height > 0 && b.top >= 0 && b.bottom <= innerHeight + 1;
    }
    return false;
  };
  const watch = () => {
    const loop = () => {
      if (visible()) { requestAnimationFrame(() => { lb.paintedAt = now(); }); return; }
      if (now() - lb.startAt > 120000) return;
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  };
  lb.watch = (t) => { lb.startAt = t; lb.paintedAt = undefined; lb.responseAt = undefined; watch(); };
  // History is a title-bar action of the view (outside this frame): its panel/show
  // notification arriving here starts the list timing
  const historyShown = () => {
    lb.historyAt = now();
    lb.listedAt = undefined;
    const poll = () => { if (document.querySelector('.session-open')) { lb.listedAt = now(); return; } requestAnimationFrame(poll); };
    requestAnimationFrame(poll);
  };
  document.addEventListener('click', (e) => {
    const b = e.target && e.target.closest && e.target.closest('.session-open');
    if (b && lb.startAt === undefined) lb.watch(performance.timeOrigin + e.timeStamp);
  }, true);
  window.addEventListener('message', (e) => {
    const d = e.data;
    if (!d || typeof d !== 'object') return;
    if (lb.streaming) lb.postTimes.push(now());
    if (d.method === 'panel/show' && d.params && d.params.panel === 'history') historyShown();
    const items = (d.result && d.result.items) || (d.params && d.params.items);
    // the session/open answer: a snapshot of the big session (all items, or the newest
    // window with the rest counted in olderItems)
    const snap = d.result || d.params;
    const big = Array.isArray(items) && (items.length >= 1000 || (snap && typeof snap.olderItems === 'number' && snap.olderItems + items.length >= 1000));
    if (lb.startAt !== undefined && lb.responseAt === undefined && big) lb.responseAt = now();
  }, true);
  document.addEventListener('keydown', (e) => {
    if (!lb.streaming) return;
    const t0 = e.timeStamp;
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => lb.keys.push(performance.now() - t0);
      ch.port2.postMessage(0);
      requestAnimationFrame((t1) => lb.keys2.push(t1 - t0));
    });
  }, true);
  try {
    new PerformanceObserver((list) => {
      if (!lb.streaming) return;
      for (const en of list.getEntries()) if (en.name === 'keydown') lb.slowKeys.push(en.duration);
    }).observe({ type: 'event', durationThreshold: 16 });
  } catch (err) { lb.eventTimingError = String(err); }
  try {
    new PerformanceObserver((list) => {
      if (lb.streaming) for (const en of list.getEntries()) lb.longTasks.push(en.duration);
    }).observe({ entryTypes: ['longtask'] });
  } catch (err) { lb.longTaskError = String(err); }
})()`;
}

export interface LongProbeData {
  startAt?: number;
  responseAt?: number;
  paintedAt?: number;
  keys: number[];
  keys2: number[];
  slowKeys: number[];
  historyAt?: number;
  listedAt?: number;
  eventTimingError?: string;
  longTasks: number[];
  postTimes: number[];
}

export const READ_PROBE = '(() => { const l = window.__lb; return { startAt: l.startAt, responseAt: l.responseAt, paintedAt: l.paintedAt, keys: l.keys, keys2: l.keys2, slowKeys: l.slowKeys, historyAt: l.historyAt, listedAt: l.listedAt, eventTimingError: l.eventTimingError, longTasks: l.longTasks, postTimes: l.postTimes }; })()';
