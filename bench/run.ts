// `npm run bench [-- area...]`: measures Tandem on this machine and writes BENCHMARKS.md.
// Areas: weight, streaming, long-session, edits, sandbox, tokens, loop, sandbox-import,
// subagents, long-horizon, startup (or their numbers 1-11). With no argument every area runs; areas that need code-server print why they
// were skipped when it is not set up. The exit code is 0 unless the bench itself broke:
// budgets are reported, never enforced (CI does not run this).
import path from 'node:path';
import { repoRoot } from '../test/e2e/paths';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

import type { Area, AreaResult } from './lib/types';
import { handWrittenSections, loadLast, machine, printArea, renderMarkdown, saveLast } from './lib/report';
import { weightArea } from './areas/weight';
import { streamingArea } from './areas/streaming';
import { longSessionArea } from './areas/longSession';
import { editsArea } from './areas/edits';
import { sandboxArea } from './areas/sandbox';
import { tokensArea } from './areas/tokens';
import { loopArea } from './areas/loop';
import { sandboxImportArea } from './areas/sandboxImport';
import { subagentsArea } from './areas/subagents';
import { longHorizonArea } from './areas/longHorizon';
import { startupArea } from './areas/startup';

const root = repoRoot;
const areas: Area[] = [weightArea, streamingArea, longSessionArea, editsArea, sandboxArea, tokensArea, loopArea, sandboxImportArea, subagentsArea, longHorizonArea, startupArea];

function pick(args: string[]): Area[] {
  if (args.length === 0) return areas;
  const chosen: Area[] = [];
  for (const a of args) {
    const area = areas.find((x) => x.id === a || x.aliases.includes(a));
    if (!area) {
      console.error(`unknown area "${a}"; areas: ${areas.map((x) => `${x.id} (${x.aliases.join(', ')})`).join('; ')}`);
      process.exit(2);
    }
    if (!chosen.includes(area)) chosen.push(area);
  }
  return chosen;
}

async function main() {
  const chosen = pick(process.argv.slice(2).filter((a) => a !== '--'));
  const m = machine();
  console.log(`Tandem bench: ${chosen.map((a) => a.id).join(', ')}\n${m.cpu}, ${m.cores} cores, ${m.memory}, ${m.os}, Node ${m.node}, load ${m.load}`);
  const lastFile = path.join(root, 'bench/results/last.json');
  const all = loadLast(lastFile);
  let broken = 0;
  for (const area of chosen) {
    const t0 = performance.now();
    const ranAt = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    let result: AreaResult;
    try {
      const r = await area.run((line) => console.log(`  [${area.id}] ${line}`));
      result = { id: area.id, title: area.title, ranAt, durationMs: performance.now() - t0, ...r };
    } catch (err) {
      broken++;
      const message = (err as Error).stack ?? String(err);
      console.error(`  [${area.id}] failed: ${message}`);
      result = { id: area.id, title: area.title, ranAt, durationMs: performance.now() - t0, figures: [], notMeasured: `the bench area failed: ${(err as Error).message.split('\n')[0]}` };
    }
    printArea(result);
    all[area.id] = { ...result, machine: machine() };
    // written after each area, so a long run interrupted later keeps what it measured
    saveLast(lastFile, all);
    const mdFile = path.join(root, 'BENCHMARKS.md');
    const kept = existsSync(mdFile) ? handWrittenSections(readFileSync(mdFile, 'utf8'), Object.values(all).map((r) => r.title)) : [];
    writeFileSync(mdFile, renderMarkdown(all, machine(), kept));
  }
  const missed = chosen.flatMap((a) => (all[a.id]?.figures ?? []).filter((f) => f.ok === false).map((f) => `${all[a.id].title}: ${f.figure}: ${f.value} (budget ${f.budget})`));
  console.log(`\nWrote BENCHMARKS.md.${missed.length ? `\n\nBUDGETS MISSED (${missed.length}):\n${missed.map((x) => `  - ${x}`).join('\n')}` : '\nEvery measured budget held.'}`);
  process.exitCode = broken ? 1 : 0;
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
