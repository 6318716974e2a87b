// Fan out: one Tandem agent per file, a few at a time, each answering in a fixed JSON
// shape; gathers the validated answers. A plain Node ES module over the SDK (no build
// step, no tsx). docs/SDK.md quotes this file whole; test/integration/sdkPackage.test.ts
// runs it against a fake model server from an installed package.
//
//   npm install tandem
//   OPENAI_API_KEY=... node sdk-fanout.mjs ./my-repo src/a.ts src/b.ts src/c.ts
import os from 'node:os';
import path from 'node:path';
import { createAgent, createNodeWorkspace, denyAll, resolveModelConfig, OutputSchemaError } from 'tandem/sdk';

const [folder, ...files] = process.argv.slice(2);
const concurrency = Number(process.env.FANOUT_CONCURRENCY ?? 4);

// what every agent must answer: Ajv checks each answer against it
const schema = {
  type: 'object',
  properties: {
    file: { type: 'string' },
    summary: { type: 'string' },
    todos: { type: 'integer', minimum: 0 },
  },
  required: ['file', 'summary', 'todos'],
  additionalProperties: false,
};

const workspace = await createNodeWorkspace(path.resolve(folder));
const storageDir = process.env.TANDEM_HOME ?? path.join(os.homedir(), '.tandem');

/** One agent, one file: its validated answer, or why there is none. */
async function inspect(file) {
  const agent = await createAgent({
    model: resolveModelConfig({ model: process.env.TANDEM_MODEL }), // OPENAI_API_KEY, OPENAI_BASE_URL
    workspace,
    storageDir,
    approvals: denyAll, // a script has no one to ask: anything that needs approval is denied
    approvalPolicy: 'read-only', // these agents only read
    maxAgents: 0, // and start no subagents of their own
  });
  try {
    const result = await agent.run(
      `Read ${file}. Answer with JSON only: "file" (its path), "summary" (one sentence on what it does) and "todos" (how many TODO comments it has).`,
      { outputSchema: schema },
    );
    if (result.status !== 'completed') return { file, error: result.error ?? result.status };
    return result.output;
  } catch (err) {
    if (err instanceof OutputSchemaError) return { file, error: err.message }; // answered, but not in the shape asked
    throw err;
  } finally {
    await agent.dispose();
  }
}

// a small pool: at most `concurrency` agents at once, answers kept in the files' order
const results = new Array(files.length);
let next = 0;
await Promise.all(
  Array.from({ length: Math.min(concurrency, files.length) }, async () => {
    while (next < files.length) {
      const i = next++;
      results[i] = await inspect(files[i]);
    }
  }),
);
console.log(JSON.stringify(results, null, 2));
