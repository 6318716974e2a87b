// One-off A/B of the webview's first paint between built dist folders, interleaved:
//   node --import tsx bench/firstPaintAB.ts <distA> <distB> [runs]
// (e.g. main's build against this branch's). Prints medians and p95s per folder.
import { firstPaint } from './lib/firstPaint';
import { fmtDist } from './lib/stats';

const args = process.argv.slice(2);
const runs = /^\d+$/.test(args[args.length - 1] ?? '') ? Number(args.pop()) : 15;
firstPaint(args, runs).then((results) => {
  results.forEach((r, i) => console.log(`${args[i]}\n  chat painted (composer + code block): ${fmtDist(r.chat)}\n  first-contentful-paint: ${fmtDist(r.fcp)}`));
});
