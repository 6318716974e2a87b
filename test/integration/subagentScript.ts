// Scripting a parent and its subagents apart on the fake model server: requests are
// routed by conversation (fakeModelServer.ts), and a child is recognised by the first
// user message of its conversation (its task).
import { createAgent, createNodeWorkspace, type Agent, type Approvals, type HistoryEntry, type SessionEvent } from '../../src/core/index';
import { startFakeModelServer, type FakeModelServer, type RecordedRequest, type Reply } from '../fakes/fakeModelServer';
import { makeRepo, tempDir } from './harness';

const allowAll: Approvals = { request: async () => ({ decision: 'allow_once' }) };

/** A session over a fresh repository and fake model server (pushed on `servers` for closing), approving everything. */
export async function subagentSession(
  servers: FakeModelServer[],
  files: Record<string, string>,
  extra: { maxAgentDepth?: number } = {},
): Promise<{ s: FakeModelServer; agent: Agent; repo: string; events: SessionEvent[] }> {
  const s = await startFakeModelServer();
  servers.push(s);
  const repo = makeRepo(files);
  const agent = await createAgent({
    model: { model: 'fake-model', baseUrl: s.baseUrl, apiKey: 'sk-test', wire: 'responses', maxRetries: 0 },
    workspace: await createNodeWorkspace(repo),
    storageDir: tempDir('tandem-it-agents-'),
    approvals: allowAll,
    globalInstructionsDir: tempDir('tandem-it-global-'),
    ...extra,
  });
  const events: SessionEvent[] = [];
  agent.subscribe((e) => events.push(e));
  return { s, agent, repo, events };
}

/** The first user message of a request's conversation. */
export function taskOf(r: RecordedRequest): string {
  const first = r.input.find((e) => e.type === 'message' && e.role === 'user');
  return first && first.type === 'message' ? first.content : '';
}

/** Outputs of the function calls answered since the model's last response. */
export function lastOutputs(r: RecordedRequest): string[] {
  const out: string[] = [];
  for (let i = r.input.length - 1; i >= 0; i--) {
    const e: HistoryEntry = r.input[i];
    if (e.type !== 'function_call_output') break;
    out.unshift(e.output);
  }
  return out;
}

export const call = (name: string, args: Record<string, unknown>) => ({ name, arguments: JSON.stringify(args) });

export const patchOf = (file: string, from: string, to: string) => `*** Begin Patch\n*** Update File: ${file}\n@@\n-${from}\n+${to}\n*** End Patch`;

/**
 * A parent that spawns the given tasks in one response, then waits until every child
 * has been reported, then answers `done`. Returns the agent ids it learned.
 */
export function spawningParent(tasks: { message: string; agent_type?: 'worker' | 'explorer' }[], done = 'All merged.') {
  const ids: string[] = [];
  const reported = new Set<string>();
  const waits: string[] = [];
  const reply = (r: RecordedRequest): Reply => {
    if (r.conversationIndex === 0) return { toolCalls: tasks.map((t) => call('spawn_agent', t)) };
    for (const out of lastOutputs(r)) {
      let parsed: { agent_id?: string; agents?: { agent_id: string; state: string }[] } = {};
      try {
        parsed = JSON.parse(out);
      } catch {
        continue; // a refusal (not JSON)
      }
      if (parsed.agent_id) ids.push(parsed.agent_id);
      if (parsed.agents) {
        waits.push(out);
        for (const a of parsed.agents) if (a.state !== 'running' && a.state !== 'waiting_approval') reported.add(a.agent_id);
      }
    }
    const left = ids.filter((id) => !reported.has(id));
    if (left.length > 0) return { toolCalls: [call('wait_agent', { ids: left, timeout_ms: 60_000 })] };
    return { text: done };
  };
  return { ids, waits, reply };
}
