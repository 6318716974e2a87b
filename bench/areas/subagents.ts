// Area 9, subagents: the same per-round-trip core overhead as area 7 (response end →
// the next request of the same conversation arrives, minus the tool), for one agent
// alone and for 4 children of one parent working at once, 50 tool round trips each; and
// the host memory each live child costs.
// The children share one event loop, so a child's gap also holds whatever work of the
// others was ready at that instant. How much depends on how busy the loop is, i.e. on
// how long the model takes to answer: the budgeted figure uses a model that answers in
// 100-300 ms (real models take longer, so this is the busier case), and a saturated run
// with an 8 ms model shows the contention when the loop is nearly always busy. Answer
// times vary per response (a seeded spread around the mean), as real ones do: children
// answered in exactly equal times stay in lock step, every response of the four ending
// at the same instant, which no real server does.
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { noopTool } from '../lib/noopTool';
import type { RecordedRequest, Reply } from '../../test/fakes/fakeModelServer';
import { dist, fmtDist, mb, ms, ratio, type Dist } from '../lib/stats';
import { startRig, type Rig } from '../lib/agentRig';
import type { Area, Figure } from '../lib/types';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 50);
const CHILDREN = 4;
const FAN_TASK = `start ${CHILDREN} children`;

/** Node's gc() without --expose-gc on the command line. */
function gcFunction(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

interface Measured {
  solo: Dist;
  children: Dist;
  /** Process CPU per model round trip (ms). */
  cpuSolo: number;
  cpuChildren: number;
  /** Heap and RSS growth per live child (bytes), half way through. */
  memory?: { heap: number; rss: number };
  childRequests: number;
}

const firstUser = (r: RecordedRequest) => {
  const first = r.input.find((e) => e.type === 'message' && e.role === 'user');
  return first?.type === 'message' ? first.content : '';
};

/** A seeded spread in [0, 1) (a 32-bit LCG: plenty for answer times), so runs draw the same ones. */
let lcg = 8;
const jitter = () => (lcg = (Math.imul(lcg, 1664525) + 1013904223) >>> 0) / 4294967296;

/** One solo turn and one fan-out turn of the rig's agent, the model answering in about `thinkMs` (0.5-1.5×). */
async function measure(rig: Rig, thinkMs: number, toolTimes: number[], gc: () => void): Promise<Measured> {
  const arrive = new Map<string, number[]>();
  const ended = new Map<string, number[]>();
  const track = (r: RecordedRequest) => {
    const a = arrive.get(r.conversation) ?? [];
    a.push(performance.now());
    arrive.set(r.conversation, a);
    const slot = a.length - 1;
    void rig.fake.closed(r.index).then(() => {
      const e = ended.get(r.conversation) ?? [];
      e[slot] = performance.now();
      ended.set(r.conversation, e);
    });
  };
  const think = () => Math.round(thinkMs * (0.5 + jitter()));
  const round = (k: number): Reply => (k < ROUNDS ? { toolCalls: [{ name: 'bench_noop', arguments: JSON.stringify({ n: k }) }], hangMs: think() } : { text: 'done', hangMs: think() });
  /** Gaps of the given conversations: response k end → request k+1, minus the median tool time. */
  const gapsOf = (conversations: string[]) => {
    const tool = dist(toolTimes).median;
    const out: number[] = [];
    for (const c of conversations) {
      const a = arrive.get(c) ?? [];
      const e = ended.get(c) ?? [];
      for (let k = 0; k + 1 < a.length; k++) if (e[k] !== undefined) out.push(a[k + 1] - e[k] - tool);
    }
    return out;
  };
  const settle = () => new Promise((r) => setTimeout(r, 50));

  // ---- one agent alone: the rig's session, counted from this turn's user message -------
  let solo = '';
  let base = 0;
  rig.fake.setHandler((r) => {
    if (!solo) base = r.conversationIndex;
    solo = r.conversation;
    track(r);
    return round(r.conversationIndex - base);
  });
  const cpu0 = process.cpuUsage();
  const alone = await rig.agent.run(`call the noop tool ${ROUNDS} times`);
  const cpuAlone = process.cpuUsage(cpu0);
  if (alone.status !== 'completed') throw new Error(`single agent: ${alone.status} ${alone.error}`);
  await settle();

  // ---- 4 children of the same agent, at once ---------------------------------------------
  const children = new Set<string>();
  const ids = new Set<string>();
  const reported = new Set<string>();
  let memory: Measured['memory'];
  gc();
  const before = process.memoryUsage();
  rig.fake.setHandler((r) => {
    if (firstUser(r).startsWith('child ')) {
      children.add(r.conversation);
      track(r);
      // once every child is half way: what the live children hold
      if (!memory && children.size === CHILDREN && [...children].every((c) => (arrive.get(c)?.length ?? 0) >= ROUNDS / 2)) {
        gc();
        const now = process.memoryUsage();
        memory = { heap: now.heapUsed - before.heapUsed, rss: now.rss - before.rss };
      }
      return round(r.conversationIndex);
    }
    const turn = r.input.slice(r.input.findLastIndex((e) => e.type === 'message' && e.content === FAN_TASK));
    if (turn.length === 1) return { toolCalls: Array.from({ length: CHILDREN }, (_, i) => ({ name: 'spawn_agent', arguments: JSON.stringify({ message: `child ${i}: call the noop tool ${ROUNDS} times` }) })) };
    for (const e of turn) {
      if (e.type !== 'function_call_output') continue;
      const spawned = /^\{"agent_id":"([^"]+)"\}$/.exec(e.output);
      if (spawned) ids.add(spawned[1]);
      for (const m of e.output.matchAll(/"agent_id":"([^"]+)","agent_type":"worker","state":"completed"/g)) reported.add(m[1]);
    }
    const left = [...ids].filter((id) => !reported.has(id));
    if (left.length > 0) return { toolCalls: [{ name: 'wait_agent', arguments: JSON.stringify({ ids: left, timeout_ms: 600_000 }) }] };
    return { text: 'all children done' };
  });
  const cpu1 = process.cpuUsage();
  const fanned = await rig.agent.run(FAN_TASK);
  const cpuFan = process.cpuUsage(cpu1);
  if (fanned.status !== 'completed') throw new Error(`subagents: ${fanned.status} ${fanned.error}`);
  await settle();
  const childRequests = [...children].reduce((n, c) => n + (arrive.get(c)?.length ?? 0), 0);
  const cpuPer = (u: NodeJS.CpuUsage, requests: number) => (u.user + u.system) / 1000 / requests;
  return {
    solo: dist(gapsOf([solo])),
    children: dist(gapsOf([...children])),
    cpuSolo: cpuPer(cpuAlone, ROUNDS + 1),
    cpuChildren: cpuPer(cpuFan, childRequests),
    memory,
    childRequests,
  };
}

export const subagentsArea: Area = {
  id: 'subagents',
  title: '9. Subagents',
  aliases: ['9', 'agents'],
  async run(log) {
    const gc = gcFunction();
    const toolTimes: number[] = [];
    const noop = noopTool(toolTimes);
    const rig = await startRig({ extraTools: [noop], maxAgents: CHILDREN });
    try {
      await measure(rig, 8, toolTimes, gc); // warm-up: both measured runs start with a warm JIT
      const real = await measure(rig, 200, toolTimes, gc);
      log(`model ~200 ms: alone ${fmtDist(real.solo)}; children ${fmtDist(real.children)}`);
      const busy = await measure(rig, 8, toolTimes, gc);
      log(`model ~8 ms: alone ${fmtDist(busy.solo)}; children ${fmtDist(busy.children)}`);
      const r = real.children.median / real.solo.median;
      const figures: Figure[] = [
        {
          figure: `core time per tool round trip, ${CHILDREN} children at once × ${ROUNDS} round trips vs one agent alone (response end → next request of the same conversation, minus tool; the model answers in 100-300 ms)`,
          budget: '≤ 1.5× alone',
          value: `children ${fmtDist(real.children)}; alone ${fmtDist(real.solo)}; ${ratio(r)}`,
          ok: r <= 1.5,
          reading: `same server, tools and model latency in both runs; a child's gap includes the other children's work ready at the same instant on the one event loop`,
        },
        {
          figure: `the same with a saturated event loop (the model answers in 4-12 ms)`,
          value: `children ${fmtDist(busy.children)}; alone ${fmtDist(busy.solo)}; ${ratio(busy.children.median / busy.solo.median)}`,
          reading: `the 4 children's round trips queue behind each other: the per-round-trip work is the same (next line), the wait is contention`,
        },
        {
          figure: 'process CPU per model round trip (core + in-process fake server), 100-300 ms model',
          value: `children ${ms(real.cpuChildren)}; alone ${ms(real.cpuSolo)}; ${ratio(real.cpuChildren / real.cpuSolo)}`,
          reading: `process.cpuUsage over each run divided by its requests (children: ${real.childRequests}; the parent's own requests are not counted but their CPU is); the openai SDK's SSE parsing, the fake server and GC dominate a profile, subagent plumbing does not show`,
        },
        real.memory
          ? {
              figure: `host memory per live child (${CHILDREN} children half way through their ${ROUNDS} round trips, after GC)`,
              value: `heap ${mb(real.memory.heap / CHILDREN)}, RSS ${mb(real.memory.rss / CHILDREN)} per child`,
              reading: 'each child holds its Agent (history, items, tool specs), its staging branch and its session writer; RSS includes allocator slack',
            }
          : { figure: 'host memory per live child', value: 'not measured', reading: 'the children never all reached half way' },
      ];
      return {
        figures,
        notes: [
          "Timestamps as in area 7 (same process and clock): request arrival in the fake server's handler, response end when its `closed(index)` resolves; the noop tool measures itself (median subtracted). The model's answer time is the fake server's `hangMs` before its final events, drawn per response from a seeded spread (0.5-1.5× the mean).",
          'Memory: process.memoryUsage() after gc() (exposed at run time through v8.setFlagsFromString) before the parent starts and when every child has made half its round trips, divided by the number of children.',
        ],
      };
    } finally {
      await rig.close();
    }
  },
};
