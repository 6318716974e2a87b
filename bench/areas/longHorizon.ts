// Area 8, long horizon: ONE turn of 1,000 tool round trips in one agent process, against
// the fake model server in a process of its own (bench/fixtures/longHorizonServer.ts),
// with a window small enough that the agent compacts many times. The agent process is
// bench/fixtures/longHorizonDriver.ts bundled like dist/cli.js (no tsx): it drives the
// agent as an editor host does (runStreamed, events consumed and dropped) and reports
// each round trip's time and RSS, and its heap after a forced GC at the milestones.
// Figures: time per round trip early vs late, memory at 100 / 500 / 1,000 round trips,
// compactions, and how often a request's prompt extends the previous one.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { dist, fmtDist, mb, pct } from '../lib/stats';
import { bundleNode, spawnLines } from '../lib/nodeBundle';
import type { Area, Figure } from '../lib/types';

const ROUNDS = 1000;
const FILES = 20;
const WINDOW = 60_000;
const MILESTONES = [100, 500, 1000];

interface RoundLine {
  rt: number;
  ms: number;
  rss: number;
  /** The highest RSS sampled during this round trip. */
  peakRss: number;
}
interface ServerLine {
  i: number;
  compaction: boolean;
  toolRound: number;
  extends: boolean;
}

function workspace(root: string): void {
  for (let i = 0; i < FILES; i++) {
    const lines = [`export const value${i} = ${i};`];
    for (let k = 1; k <= 60; k++) lines.push(`// line ${k} of module ${i}: the parser keeps state between calls, see value${i}`);
    mkdirSync(path.join(root, 'src'), { recursive: true });
    writeFileSync(path.join(root, 'src', `m${i}.ts`), `${lines.join('\n')}\n`);
  }
  execFileSync('git', ['init', '-q'], { cwd: root });
}

export const longHorizonArea: Area = {
  id: 'long-horizon',
  title: '10. Long horizon',
  aliases: ['10', 'horizon'],
  async run(log) {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-horizon-'));
    const server = spawnLines(process.execPath, ['--import', 'tsx', 'bench/fixtures/longHorizonServer.ts', String(ROUNDS), String(FILES)]);
    try {
      const ws = path.join(tmp, 'ws');
      workspace(ws);
      const driver = await bundleNode('bench/fixtures/longHorizonDriver.ts', tmp, 'driver');
      const url = (await server.waitFor(/^FAKE_MODEL_SERVER_URL=/)).split('=')[1];
      log(`one turn of ${ROUNDS} round trips, window ${WINDOW} tokens…`);
      const agent = spawnLines(process.execPath, ['--expose-gc', driver, url, ws, path.join(tmp, 'storage'), String(WINDOW), MILESTONES.join(',')], {
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? os.homedir() },
        onLine: (l) => {
          const m = /^\{"rt":(\d+),/.exec(l);
          if (m && Number(m[1]) % 250 === 0) log(`  ${m[1]} round trips`);
        },
      });
      const code = await agent.exited;
      const parsed = agent.lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
      const end = parsed.find((o) => 'end' in o) as { end: string; error?: string; compactions: number; rounds: number } | undefined;
      if (code !== 0 || end?.end !== 'completed') throw new Error(`the turn did not complete (exit ${code}, ${end?.end ?? 'no end line'}: ${end?.error ?? agent.stderr().slice(-500)})`);
      const rounds = parsed.filter((o) => 'rt' in o) as unknown as RoundLine[];
      const milestones = new Map(parsed.filter((o) => 'milestone' in o).map((o) => [o.milestone as number, o as { heapAfterGc: number; rssAfterGc: number; itemsHeld: number }]));
      const serverLines = server.lines.filter((l) => l.startsWith('{"i"')).map((l) => JSON.parse(l) as ServerLine);

      // ---- time per round trip ----------------------------------------------------------
      // a round trip that included a compaction also waited for the summary request
      const compactedAfter = new Set(serverLines.filter((s) => s.compaction).map((s) => s.toolRound));
      const plain = (from: number, to: number) => rounds.filter((r) => r.rt > from && r.rt <= to && !compactedAfter.has(r.rt));
      const first = dist(plain(0, 100).map((r) => r.ms));
      const last = dist(plain(ROUNDS - 100, ROUNDS).map((r) => r.ms));
      const withCompaction = dist(rounds.filter((r) => compactedAfter.has(r.rt)).map((r) => r.ms));

      // ---- memory -------------------------------------------------------------------------
      // "peak RSS at N": the peak over the 100 round trips ending at N (RSS sampled every
      // 10 ms and after every round trip); the whole run's peak and where it was are shown too
      const stretch = (to: number) => rounds.filter((r) => r.rt > to - 100 && r.rt <= to);
      const peakOf = (rs: RoundLine[]) => Math.max(...rs.map((r) => r.peakRss));
      const peaks = MILESTONES.map((m) => peakOf(stretch(m)));
      const growth = peaks[peaks.length - 1] / peaks[0] - 1;
      const top = rounds.reduce((a, r) => (r.peakRss > a.peakRss ? r : a), rounds[0]);
      const heap = MILESTONES.map((m) => milestones.get(m)?.heapAfterGc ?? NaN);
      const rssAfterGc = MILESTONES.map((m) => milestones.get(m)?.rssAfterGc ?? NaN);

      // ---- prefix reuse ------------------------------------------------------------------
      // loop requests only; the first request after a compaction starts a new prefix
      const loop = serverLines.filter((s) => !s.compaction);
      const afterCompaction = new Set<number>();
      serverLines.forEach((s, k) => {
        if (s.compaction && serverLines[k + 1]) afterCompaction.add(serverLines[k + 1].i);
      });
      const between = loop.slice(1).filter((s) => !afterCompaction.has(s.i));
      const reused = between.filter((s) => s.extends).length;

      log(`rt first ${fmtDist(first)}, last ${fmtDist(last)}; peak RSS ${peaks.map(mb).join(' / ')}; ${end.compactions} compactions`);
      const figures: Figure[] = [
        {
          figure: `one turn of ${ROUNDS} tool round trips in one process (read_file, shell, apply_patch, search in turn; window ${WINDOW.toLocaleString('en-US')} tokens)`,
          budget: '≥ 5 compactions',
          value: `completed, ${end.rounds} round trips, ${end.compactions} compactions, ${loop.length + serverLines.filter((s) => s.compaction).length} model requests`,
          ok: end.compactions >= 5 && end.rounds === ROUNDS,
          reading: 'no request cap: the turn ends when the model answers; compaction keeps the history within the window',
        },
        {
          figure: 'time per round trip: round trips 1–100 vs 901–1,000 (round trips that included a compaction left out)',
          budget: 'no growth beyond noise',
          value: `first 100 ${fmtDist(first)}; last 100 ${fmtDist(last)}; last/first medians ${(last.median / first.median).toFixed(2)}×`,
          ok: last.median <= first.median * 1.25,
          reading: `response end → tool → next response end, fake model answering at once; the shell step (plain, sandbox off) and the search dominate. Round trips with a compaction: ${fmtDist(withCompaction)}`,
        },
        {
          figure: 'peak RSS of the agent process at 100 / 500 / 1,000 round trips (over the 100 round trips before each)',
          budget: 'growth < 10% from 100 to 1,000',
          value: `${peaks.map(mb).join(' / ')} (growth ${pct(growth)})`,
          ok: growth < 0.1,
          reading: `RSS sampled every 10 ms and after every round trip; the whole run's peak: ${mb(top.peakRss)}, during round trip ${top.rt} (a transient: a few round trips later RSS is back down, see the RSS after GC below)`,
        },
        {
          figure: 'after a forced GC at 100 / 500 / 1,000 round trips: JS heap used, RSS; items the agent holds',
          value: `heap ${heap.map(mb).join(' / ')}; RSS ${rssAfterGc.map(mb).join(' / ')}; items held ${MILESTONES.map((m) => milestones.get(m)?.itemsHeld ?? '?').join(' / ')}`,
          reading: 'what the process retains: the history is bounded by compaction, items() holds the newest 200 (older ones are paged from the session log), finished requests are released',
        },
        {
          figure: 'prefix reuse between compactions: loop requests whose prompt extends the previous one',
          budget: '≥ 95%',
          value: `${pct(reused / Math.max(1, between.length))} (${reused} of ${between.length}); the ${afterCompaction.size} requests right after a compaction start a new prefix`,
          ok: reused / Math.max(1, between.length) >= 0.95,
          reading: 'append-only history between compactions: what a provider prompt cache reuses (canonical JSON of instructions, tools and each input item)',
        },
      ];
      return {
        figures,
        notes: [
          `Model side: test/fakes' server in its own process (bench/fixtures/longHorizonServer.ts) playing a model that makes ${ROUNDS} tool calls in turn over ${FILES} files (read_file, \`cat\` through the plain shell, an apply_patch adding a line, a search), writes a short summary whenever asked to compact, then answers. Agent side: bench/fixtures/longHorizonDriver.ts bundled with esbuild like dist/cli.js and run with --expose-gc; sandbox off (1,000 sandboxed commands would measure the sandbox, see area 5).`,
          'What changed (2026-12-07): the same harness against the core before this change (commit c823701, maxRounds raised so the turn could run): heap after GC 13.4 / 18.5 / 24.3 MB at 100 / 500 / 1,000 round trips, RSS after GC 154 / 193 / 186 MB, peak RSS 159 / 193 / 201 MB (+26%), 1,020 items held. Heap snapshots showed what grew: every item of the session (now a window of 200, older ones paged from the log), and every model request (its response, stream, AbortController and a DOMException with a stack, ~7.8 KB) kept reachable by the turn\'s AbortSignal: the openai SDK never removes its abort listener, and AbortSignal.any() does not help on Node 20 (nodejs/node#55351); each HTTP attempt now has its own signal, unlinked when it ends. A 3,000-round-trip run of the shell step alone: RSS after GC 168 MB at 500 and 167 MB at 3,000, heap 12.9 → 13.8 MB (compiled code).',
          'A round trip is the time between two consecutive `usage/updated` events (one per model response of the loop). Peak RSS at N is the maximum sampled over round trips N−99 to N, so the 100 figure includes start-up.',
        ],
      };
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
      rmSync(tmp, { recursive: true, force: true });
    }
  },
};
