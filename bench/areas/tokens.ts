// Area 6, tokens: a scripted 40-turn session through the real agent and the fake model
// server with a small window, so the agent compacts twice. Measures how often a request
// is a byte-prefix extension of the previous one (what provider prompt caches reward),
// total input tokens against the same script with a huge window, and the largest
// request against the window.
import type { RecordedRequest, Reply } from '../../test/fakes/fakeModelServer';
import { pct } from '../lib/stats';
import { canonical, startRig } from '../lib/agentRig';
import type { Area, Figure } from '../lib/types';
import { COMPACTION_PROMPT } from '../../src/core/index';

const TURNS = 40;
const files: Record<string, string> = {};
for (let i = 0; i < TURNS; i++) {
  files[`notes/n${i}.md`] = Array.from({ length: 40 }, (_, k) => `- note ${i}.${k}: the parser keeps state ${k * i} between calls; see module ${i % 7}.`).join('\n') + '\n';
}

/** The prompt a cache sees: instructions, tools, then each input item, in order. */
function promptBytes(r: RecordedRequest): string {
  const b = r.body ?? {};
  // items are newline-terminated so a request that appends items extends the previous bytes
  return [canonical(b.instructions ?? ''), canonical(b.tools ?? []), ...((b.input ?? []) as unknown[]).map(canonical)].map((s) => `${s}\n`).join('');
}

const lastInput = (r: RecordedRequest) => r.input[r.input.length - 1];

function reply(r: RecordedRequest): Reply {
  const last = lastInput(r);
  if (last?.type === 'message' && last.role === 'user' && last.content.includes(COMPACTION_PROMPT.slice(0, 60))) {
    return { text: `1. Original request: answer questions about the notes.\n2. State: ${r.input.length} items read so far; all answers given.` };
  }
  if (last?.type === 'function_call_output') {
    const n = r.input.filter((e) => e.type === 'function_call_output').length;
    return { text: `Turn answer ${n}: the notes say the parser keeps state between calls. `.repeat(6), chunkSize: 64 };
  }
  const m = last?.type === 'message' ? /question (\d+)/.exec(last.content) : null;
  return { toolCalls: [{ name: 'read_file', arguments: JSON.stringify({ path: `notes/n${m ? m[1] : 0}.md` }) }] };
}

interface SessionStats {
  requests: RecordedRequest[];
  prefixShare: number;
  misses: number[];
  compactions: number;
  inputTokens: number;
  maxRequestTokens: number;
}

async function session(contextWindow: number): Promise<SessionStats> {
  const rig = await startRig({ files, contextWindow });
  try {
    rig.fake.setHandler(reply);
    let compactions = 0;
    for (let t = 0; t < TURNS; t++) {
      const res = await rig.agent.run(`question ${t}: what does notes/n${t}.md say about the parser?`);
      if (res.status !== 'completed') throw new Error(`turn ${t} ${res.status}: ${res.error}`);
      compactions += res.items.filter((i) => i.type === 'compaction').length;
    }
    const requests = rig.fake.modelRequests();
    const bytes = requests.map(promptBytes);
    const misses: number[] = [];
    for (let i = 1; i < bytes.length; i++) if (!bytes[i].startsWith(bytes[i - 1])) misses.push(i);
    // tokens as the core estimates them (4 chars a token) over the request's own bytes
    const tokens = requests.map((r) => Math.ceil(JSON.stringify({ instructions: r.body.instructions, tools: r.body.tools, input: r.body.input }).length / 4));
    return {
      requests,
      prefixShare: (bytes.length - 1 - misses.length) / Math.max(1, bytes.length - 1),
      misses,
      compactions,
      inputTokens: tokens.reduce((a, b) => a + b, 0),
      maxRequestTokens: Math.max(...tokens),
    };
  } finally {
    await rig.close();
  }
}

export const tokensArea: Area = {
  id: 'tokens',
  title: '6. Tokens',
  aliases: ['6', 'cache', 'compaction'],
  async run(log) {
    // the huge-window run also sizes the small window: two compactions in 40 turns
    const base = await session(2_000_000);
    const sizes = base.requests.map((r) => JSON.stringify({ instructions: r.body.instructions, tools: r.body.tools, input: r.body.input }).length / 4);
    const prefix = sizes[0];
    const perTurn = (sizes[sizes.length - 1] - prefix) / TURNS;
    const window = Math.round((prefix + perTurn * 15) / 0.85);
    log(`baseline: ${base.requests.length} requests, prefix ≈ ${Math.round(prefix)} tokens, ≈ ${Math.round(perTurn)} tokens a turn → window ${window}`);
    const small = await session(window);
    log(`small window: ${small.requests.length} requests, ${small.compactions} compactions, misses at ${small.misses.join(', ')}`);
    const compactionReqs = small.requests.map((r, i) => [r, i] as const).filter(([r]) => lastInput(r)?.type === 'message' && JSON.stringify(lastInput(r)).includes(COMPACTION_PROMPT.slice(0, 60))).map(([, i]) => i);
    const expected = compactionReqs.map((i) => i + 1);
    const unexpected = small.misses.filter((i) => !expected.includes(i));
    const figures: Figure[] = [
      {
        figure: `requests whose prompt byte-extends the previous one (${TURNS} turns, window ${window} tokens, ${small.compactions} compactions)`,
        budget: '≥ 95%',
        value: `${pct(small.prefixShare)} (${small.requests.length - 1 - small.misses.length} of ${small.requests.length - 1})`,
        ok: small.prefixShare >= 0.95,
        reading: unexpected.length
          ? `misses at requests ${small.misses.join(', ')}; ${unexpected.length} not at a compaction boundary: something re-serialises the prefix`
          : `the only misses are the ${small.misses.length} requests right after a compaction (expected); instructions and tools are byte-stable`,
      },
      {
        figure: 'total input tokens, compacting vs same script with a huge window (no compaction)',
        value: `${small.inputTokens.toLocaleString('en')} vs ${base.inputTokens.toLocaleString('en')} (${((small.inputTokens / base.inputTokens) * 100).toFixed(0)}%)`,
        reading: `the uncompacted run re-sends every earlier tool output each request; compaction costs ${compactionReqs.length} summary requests but resets the history`,
      },
      {
        figure: 'largest request vs window (estimated tokens, 4 chars/token)',
        budget: '≤ window',
        value: `${small.maxRequestTokens.toLocaleString('en')} of ${window.toLocaleString('en')} (${pct(small.maxRequestTokens / window)})`,
        ok: small.maxRequestTokens <= window,
        reading: 'compaction triggers at 85% of the window and requests are fitted to 95%',
      },
      {
        figure: 'prefix-extension share without compaction (huge window)',
        value: `${pct(base.prefixShare)} (${base.misses.length} misses)`,
        reading: 'append-only history: every request extends the previous one',
      },
    ];
    if (small.compactions !== 2) figures[0].reading += ` (note: ${small.compactions} compactions, not 2)`;
    return {
      figures,
      notes: [
        'Prompt bytes = canonical JSON (sorted keys) of the Responses request body\'s `instructions`, `tools`, then each `input` item, newline-terminated; request i is a hit when its bytes start with request i−1\'s.',
        'Tokens are estimated at 4 characters a token, as the core does; the window is sized from the baseline so that the 40 turns compact twice.',
      ],
    };
  },
};
