// An agent over a temp workspace talking to an in-process fake model server (the real
// HTTP + SSE wire and the real `openai` SDK client), for the token and loop areas.
// The bench observes from outside: the server's handler sees each request arrive, and
// the server's `closed(index)` tells when its response ended.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createAgent, createDefaultTools, createNodeWorkspace, denyAll, resolveModelConfig, type Agent, type Tool } from '../../src/core/index';
import { startFakeModelServer, type FakeModelServer } from '../../test/fakes/fakeModelServer';

export interface Rig {
  agent: Agent;
  fake: FakeModelServer;
  root: string;
  close(): Promise<void>;
}

export async function startRig(options: {
  files?: Record<string, string>;
  contextWindow?: number;
  extraTools?: Tool[];
  wire?: 'responses' | 'chat';
  /** Subagents working at once (default: none, as the tool set is the rig's own). */
  maxAgents?: number;
}): Promise<Rig> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'tandem-bench-agent-'));
  const root = path.join(tmp, 'ws');
  await mkdir(root, { recursive: true });
  for (const [rel, content] of Object.entries(options.files ?? {})) {
    await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await writeFile(path.join(root, rel), content);
  }
  const fake = await startFakeModelServer();
  const workspace = await createNodeWorkspace(root);
  const agent = await createAgent({
    model: resolveModelConfig({ model: 'fake-model', baseUrl: fake.baseUrl, apiKey: 'bench', wire: options.wire ?? 'responses', contextWindow: options.contextWindow, maxRetries: 0 }),
    workspace,
    storageDir: path.join(tmp, 'storage'),
    globalInstructionsDir: path.join(tmp, 'global'),
    approvals: denyAll,
    approvalPolicy: 'on-request',
    sandbox: 'off',
    tools: [...createDefaultTools(), ...(options.extraTools ?? [])],
    ...(options.maxAgents !== undefined ? { maxAgents: options.maxAgents } : {}),
  });
  return {
    agent,
    fake,
    root,
    async close() {
      await agent.dispose().catch(() => undefined);
      await fake.close().catch(() => undefined);
      await rm(tmp, { recursive: true, force: true });
    },
  };
}

/** Stable JSON: object keys sorted, so equal values serialise to equal bytes. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}
