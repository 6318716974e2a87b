// `npm run eval:review [-- options]`: the reviewer's hit rate on the labelled corpus
// (eval/review/cases) with the configured model. It needs a model (OPENAI_API_KEY for
// OpenAI, or --base-url for a local server) and costs one review per case (two with
// --verify always); CI does not run it. Its scoring is unit-tested
// (test/unit/eval/reviewEval.test.ts).
//
//   OPENAI_API_KEY=... npm run eval:review
//   npm run eval:review -- --base-url http://localhost:11434/v1 --model qwen2.5-coder:32b
//   npm run eval:review -- --cases py- --min-priority P2 --verify always --json out.json
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_MIN_CONFIDENCE, DEFAULT_MIN_PRIORITY, parsePriority, resolveModelConfig, reviewChanges, type ReasoningEffort, type VerifyMode, type WireApi } from '../../src/core/index';
import { loadCases } from './corpus';
import { renderEval, runEval } from './evaluate';

const USAGE = `npm run eval:review -- [--model M] [--base-url URL] [--wire responses|chat] [--effort E]
  [--cases SUBSTRING] [--min-priority P0..P3] [--min-confidence 0..1] [--verify auto|always|never]
  [--concurrency N] [--json FILE]`;

async function main(): Promise<number> {
  const { values: v } = parseArgs({
    options: {
      model: { type: 'string' },
      'base-url': { type: 'string' },
      wire: { type: 'string' },
      effort: { type: 'string' },
      cases: { type: 'string' },
      'min-priority': { type: 'string' },
      'min-confidence': { type: 'string' },
      verify: { type: 'string' },
      concurrency: { type: 'string' },
      json: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (v.help) {
    console.log(USAGE);
    return 0;
  }
  const minPriority = v['min-priority'] === undefined ? DEFAULT_MIN_PRIORITY : parsePriority(v['min-priority']);
  const minConfidence = v['min-confidence'] === undefined ? DEFAULT_MIN_CONFIDENCE : Number(v['min-confidence']);
  const verify = (v.verify ?? 'auto') as VerifyMode;
  const concurrency = Number(v.concurrency ?? 2);
  if (minPriority === undefined || !(minConfidence >= 0 && minConfidence <= 1) || !['auto', 'always', 'never'].includes(verify) || !(concurrency >= 1)) {
    console.error(`eval:review: bad option.\n${USAGE}`);
    return 2;
  }
  const model = resolveModelConfig({ model: v.model ?? process.env.TANDEM_MODEL, baseUrl: v['base-url'], wire: v.wire as WireApi | undefined, reasoningEffort: v.effort as ReasoningEffort | undefined });
  if (!model.apiKey && new URL(model.baseUrl ?? 'https://api.openai.com').hostname === 'api.openai.com') {
    console.error('eval:review needs a model: set OPENAI_API_KEY, or --base-url for an OpenAI-compatible server (Ollama, vLLM, LM Studio).');
    return 2;
  }
  const cases = loadCases(undefined, v.cases);
  if (cases.length === 0) {
    console.error(`eval:review: no case id contains "${v.cases}".`);
    return 2;
  }
  console.error(`reviewing ${cases.length} cases with ${model.model} at ${model.baseUrl}…`);
  const run = await runEval(
    cases,
    (c, repo) => reviewChanges({ root: repo, target: { type: 'commit', sha: 'HEAD' }, model, minConfidence, verify, globalInstructionsDir: path.join(os.tmpdir(), 'tandem-eval-no-global') }),
    { minPriority, minConfidence },
    concurrency,
    (c, r) => console.error(`  ${c.id}: ${r instanceof Error ? `failed: ${r.message}` : `${r.findings.length} finding(s), ${r.overallCorrectness}`}`),
  );
  process.stdout.write(renderEval(run, model.model));
  if (v.json) writeFileSync(v.json, `${JSON.stringify({ model: model.model, baseUrl: model.baseUrl, ...run }, (_k, val) => (val instanceof Map ? Object.fromEntries(val) : val), 2)}\n`);
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (err) => {
    console.error(`eval:review: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 2;
  },
);
