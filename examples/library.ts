// Driving the Tandem agent from a script: run one task in a folder, print what the
// agent does as it happens, then show (and optionally apply) the staged changes.
//
//   OPENAI_API_KEY=... node --import tsx examples/library.ts ./my-repo "Add a --verbose flag" [--apply]
//
// Nothing touches your files until you apply: every edit lands in the session's staging
// area, which you can review hunk by hunk (agent.changes(), agent.apply(path, hunkIds)).
import os from 'node:os';
import path from 'node:path';
import { createAgent, createNodeWorkspace, denyAll, resolveModelConfig, type SessionEvent } from '../src/core/index';

async function main(): Promise<void> {
  const [folder = '.', task = 'Summarise this repository in three sentences.', flag] = process.argv.slice(2);
  const agent = await createAgent({
    // model, base URL and key come from OPENAI_* environment variables unless given here
    model: resolveModelConfig({ model: process.env.TANDEM_MODEL }),
    workspace: await createNodeWorkspace(path.resolve(folder)),
    storageDir: process.env.TANDEM_HOME ?? path.join(os.homedir(), '.tandem'),
    // a script has no one to ask: commands that need approval are denied (fail closed)
    approvals: denyAll,
  });

  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort()); // Ctrl-C ends the turn cleanly

  let answer = '';
  for await (const event of agent.runStreamed(task, { signal: controller.signal })) {
    log(event);
    if (event.type === 'item/completed' && event.item.type === 'agent_message' && event.item.text) answer = event.item.text;
    if (event.type === 'turn/failed') process.exitCode = 1;
  }
  console.log(answer);

  for (const change of await agent.changes()) console.error(`staged: ${change.kind} ${change.path} (+${change.added} -${change.removed})`);
  if (flag === '--apply') for (const outcome of await agent.staging.applyAll()) console.error(`${outcome.status}: ${outcome.path}`);
  console.error(`session ${agent.sessionId} saved`);
  await agent.dispose();
}

function log(event: SessionEvent): void {
  if (event.type !== 'item/completed') return;
  const item = event.item;
  if (item.type === 'command_execution') console.error(`$ ${item.command} -> exit ${item.exitCode}`);
  else if (item.type === 'tool_call') console.error(`${item.name} ${item.arguments}`);
  else if (item.type === 'file_change') console.error(`edited ${item.changes.map((c) => c.path).join(', ')}`);
  else if (item.type === 'error') console.error(`error: ${item.message}`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
