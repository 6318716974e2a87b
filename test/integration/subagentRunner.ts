// A session with subagents in its own process, for the resume-after-kill test
// (subagentsResume.test.ts): prints its session id, then runs one task.
// Usage: node --import tsx subagentRunner.ts <repo> <storageDir> <baseUrl> <task>
import { createAgent, createNodeWorkspace } from '../../src/core/index';

async function main(): Promise<void> {
  const [repo, storageDir, baseUrl, task] = process.argv.slice(2);
  const agent = await createAgent({
    model: { model: 'fake-model', baseUrl, apiKey: 'sk-test', wire: 'responses', maxRetries: 0 },
    workspace: await createNodeWorkspace(repo),
    storageDir,
    globalInstructionsDir: storageDir,
    approvals: { request: async () => ({ decision: 'allow_once' }) },
  });
  process.stdout.write(`SESSION ${agent.sessionId}\n`);
  await agent.run(task);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
