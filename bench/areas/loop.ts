// Area 7, agent loop overhead: per tool round trip, the time between the fake server
// finishing response k (which asked for a tool) and request k+1 arriving, minus the
// tool's own run time. That gap is all core: SSE parsing in the SDK, event plumbing,
// dispatch, the tool call, history append, the session log, building and sending the
// next request. Then several independent read_file calls in one response vs one each.
import { performance } from 'node:perf_hooks';
import { noopTool } from '../lib/noopTool';
import type { RecordedRequest, Reply } from '../../test/fakes/fakeModelServer';
import { dist, fmtDist, ms, ratio } from '../lib/stats';
import { startRig } from '../lib/agentRig';
import type { Area, Figure } from '../lib/types';

const ROUNDS = 50;
const TURNS = 3;
const READS = 8;

export const loopArea: Area = {
  id: 'loop',
  title: '7. Agent loop overhead',
  aliases: ['7', 'overhead'],
  async run(log) {
    const toolTimes: number[] = [];
    const noop = noopTool(toolTimes);
    const files: Record<string, string> = {};
    for (let i = 0; i < READS; i++) files[`src/f${i}.ts`] = `export const v${i} = ${i};\n`.repeat(400);
    // When the core hands a request to fetch (the openai SDK uses globalThis.fetch): splits
    // the gap into core time and transport + fake-server parsing time.
    const fetchCalls: number[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = ((...args: Parameters<typeof fetch>) => {
      const url = String(args[0] instanceof Request ? args[0].url : args[0]);
      if (/\/v1\/(responses|chat)/.test(url)) fetchCalls.push(performance.now());
      return realFetch(...args);
    }) as typeof fetch;
    const rig = await startRig({ files, extraTools: [noop] });
    try {
      // ---- per round trip -----------------------------------------------------------
      const arrive = new Map<number, number>();
      const ended = new Map<number, number>();
      let mode: 'noop' | 'parallel' | 'serial' = 'noop';
      rig.fake.setHandler((r: RecordedRequest): Reply => {
        arrive.set(r.index, performance.now());
        void rig.fake.closed(r.index).then(() => ended.set(r.index, performance.now()));
        const outputs = r.input.filter((e) => e.type === 'function_call_output').length;
        const sinceUser = (() => {
          let n = 0;
          for (let i = r.input.length - 1; i >= 0; i--) {
            const e = r.input[i];
            if (e.type === 'message' && e.role === 'user') break;
            if (e.type === 'function_call_output') n++;
          }
          return n;
        })();
        void outputs;
        if (mode === 'noop') return sinceUser < ROUNDS ? { toolCalls: [{ name: 'bench_noop', arguments: JSON.stringify({ n: sinceUser }) }] } : { text: 'done' };
        if (mode === 'parallel') {
          return sinceUser === 0 ? { toolCalls: Array.from({ length: READS }, (_, i) => ({ name: 'read_file', arguments: JSON.stringify({ path: `src/f${i}.ts` }) })) } : { text: 'read them all' };
        }
        return sinceUser < READS ? { toolCalls: [{ name: 'read_file', arguments: JSON.stringify({ path: `src/f${sinceUser}.ts` }) }] } : { text: 'read them all' };
      });
      const gaps: number[] = [];
      const coreOnly: number[] = [];
      const transport: number[] = [];
      for (let t = 0; t < TURNS; t++) {
        const before = rig.fake.modelRequests().length;
        const fetch0 = fetchCalls.length;
        const tools0 = toolTimes.length;
        const res = await rig.agent.run(`turn ${t}: call the noop tool ${ROUNDS} times`);
        if (res.status !== 'completed') throw new Error(`loop turn ${res.status}: ${res.error}`);
        await new Promise((r) => setTimeout(r, 20));
        const reqs = rig.fake.modelRequests().slice(before).map((r) => r.index);
        for (let k = 0; k + 1 < reqs.length; k++) {
          const end = ended.get(reqs[k]);
          const next = arrive.get(reqs[k + 1]);
          if (end === undefined || next === undefined) continue;
          const tool = toolTimes[tools0 + k] ?? 0;
          gaps.push(next - end - tool);
          const sent = fetchCalls[fetch0 + k + 1];
          if (sent !== undefined && fetchCalls.length - fetch0 === reqs.length) {
            coreOnly.push(sent - end - tool);
            transport.push(next - sent);
          }
        }
      }
      const g = dist(gaps);
      const c = dist(coreOnly);
      const tr = dist(transport);
      const toolMedian = dist(toolTimes).median;
      log(`loop: ${gaps.length} round trips, tool median ${ms(toolMedian, 3)}`);
      const firstTurn = dist(gaps.slice(0, ROUNDS - 1));
      const lastTurn = dist(gaps.slice(-(ROUNDS - 1)));

      // ---- parallel vs serial reads ---------------------------------------------------
      const timeTurn = async (m: 'parallel' | 'serial') => {
        mode = m;
        const t0 = performance.now();
        const res = await rig.agent.run(`read all ${READS} files (${m})`);
        if (res.status !== 'completed') throw new Error(`${m} turn ${res.status}: ${res.error}`);
        return performance.now() - t0;
      };
      const par: number[] = [];
      const ser: number[] = [];
      for (let i = 0; i < 8; i++) {
        par.push(await timeTurn('parallel'));
        ser.push(await timeTurn('serial'));
      }
      const p = dist(par);
      const s = dist(ser);
      const figures: Figure[] = [
        {
          figure: `core time per tool round trip (response end → next request arrives, minus tool), ${gaps.length} round trips`,
          budget: '< 10 ms',
          value: fmtDist(g),
          ok: g.p95 < 10,
          reading: `of which core until fetch() ${c.n ? `median ${ms(c.median)}, p95 ${ms(c.p95)}` : 'n/a'}; fetch → fake server handler (HTTP, SDK body, server JSON parse) ${tr.n ? `median ${ms(tr.median)}` : 'n/a'}; first turn median ${ms(firstTurn.median)}, third ${ms(lastTurn.median)}`,
        },
        {
          figure: 'core only: response end → core calls fetch() for the next request, minus tool',
          budget: '< 10 ms',
          value: c.n ? fmtDist(c) : 'not measured',
          ok: c.n ? c.p95 < 10 : undefined,
          reading: 'SSE end handling, dispatch, history append, session log write, request build',
        },
        {
          figure: `${READS} independent read_file calls: one response (parallel) vs one per response (serial), whole turn`,
          value: `parallel ${fmtDist(p)}; serial ${fmtDist(s)}; serial/parallel ${ratio(s.median / p.median)}`,
          reading: `serial pays ${READS} model round trips (here a local fake server with no think time); with a real model each costs 100s of ms, so parallel wins far more`,
        },
      ];
      return {
        figures,
        notes: ['Timestamps are taken in the fake server (same process and clock): request arrival in its reply handler, response end when its `closed(index)` resolves; the tool measures its own run.'],
      };
    } finally {
      globalThis.fetch = realFetch;
      await rig.close();
    }
  },
};
