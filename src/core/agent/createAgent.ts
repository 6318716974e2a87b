// createAgent: wires a session together (model client, staging area, shell, guard,
// tools, instructions, history, session log) and exposes the Agent API. The loop lives
// in turn.ts, tool dispatch in dispatch.ts, compaction in compaction.ts; this file only
// assembles and keeps per-session state.
import { randomUUID } from 'node:crypto';
import type { Agent, AgentOptions, RunOptions, TurnResult, ModelConfig } from './types';
import type { Item } from '../types/items';
import type { SessionEvent } from '../types/events';
import type { ApprovalPolicy } from '../policy/types';
import type { Guard } from '../policy/guard';
import type { ToolSpec } from '../model/types';
import type { Tool } from '../tools/types';
import { createModelClient } from '../model/client';
import { DEFAULT_COMPACT_THRESHOLD, DEFAULT_CONTEXT_WINDOW } from '../model/config';
import { openSessionStaging } from '../session/openStaging';
import { createDefaultTools } from '../tools/defaultTools';
import { loadProjectInstructions } from '../instructions/agentsMd';
import { SessionWriter, newSessionId, readSessionRecords, sessionFile } from '../session/store';
import { rebuildSession, type ResumedSession } from '../session/resume';
import type { HistoryEntry } from '../model/types';
import { ConversationHistory } from './history';
import { buildInstructions } from './prompt';
import { prefixTokensOf, compactSession } from './compaction';
import { defaultGuard, defaultShells } from './defaults';
import { createSandboxProbe, SANDBOX_PROBE_FILE, type SandboxProbe } from '../sandbox/probe';
import { detectSandbox } from '../sandbox/sandboxedShell';
import type { SessionContext, TurnSettings } from './context';
import { EventQueue } from './eventQueue';
import { warmUpAfterFirstResponse } from './warmUp';
import { turnLimitsOf } from './loopGuard';
import { ItemWindow } from './itemWindow';
import { preloadShellParser } from '../policy/shellParse';
import { warmUpSpawn } from '../shell/process';
import { runTurn } from './turn';
import { foldTurn } from './fold';
import { ItemEmitter } from './itemEmitter';
import os from 'node:os';
import path from 'node:path';

export { listSessions, deleteSession } from '../session/store';

/** A probe cached beside the sessions, for agents whose host passed none. */
function defaultSandboxProbe(storageDir: string): SandboxProbe {
  return createSandboxProbe({ detect: () => detectSandbox(), cacheFile: path.join(storageDir, SANDBOX_PROBE_FILE) });
}

/** JSON Schema of a tool as sent: plain JSON (typebox's symbol keys dropped), built once. */
function toolSpecOf(tool: Tool): ToolSpec {
  return { name: tool.name, description: tool.description, parameters: JSON.parse(JSON.stringify(tool.parameters)) };
}

export async function createAgent(options: AgentOptions): Promise<Agent> {
  const { workspace, storageDir } = options;
  const trusted = options.trusted !== false;
  let resumed: ResumedSession | undefined;
  if (options.sessionId) resumed = rebuildSession(await readSessionRecords(storageDir, options.sessionId));
  const sessionId = options.sessionId ?? newSessionId();

  let model: ModelConfig = { ...options.model };
  // the first command's set-up (shell parser, the guard's code path, the first child
  // process) happens while the first answer is awaited (warmUp.ts)
  const warmUp = async () => {
    await preloadShellParser();
    if (!injectedGuard) await guard.assessCommand({ command: 'true', cwd: workspace.root }).catch(() => undefined);
    await warmUpSpawn();
  };
  const client = warmUpAfterFirstResponse(options.modelClient ?? createModelClient(model), warmUp);
  // untrusted workspaces are read-only, whatever the host or the repository asks for
  let policy: ApprovalPolicy = trusted ? (options.approvalPolicy ?? 'on-request') : 'read-only';

  const staging = await openSessionStaging(workspace, storageDir, sessionId);
  // the probe runs in the background: a command waits for it, the first request does not
  const shells = options.shell
    ? { shell: options.shell, plainShell: options.shell, sandboxAvailable: options.shell.sandboxed }
    : defaultShells(workspace.root, staging, options.sandbox ?? 'auto', options.sandboxProbe ?? defaultSandboxProbe(storageDir));
  let guard: Guard = options.guard ?? defaultGuard(policy, workspace.root, shells.sandboxAvailable, trusted);
  const injectedGuard = options.guard !== undefined;

  const allTools = options.tools ?? createDefaultTools();
  const tools = new Map(allTools.filter((t) => trusted || !t.mutates).map((t) => [t.name, t] as const));
  const toolSpecs = [...tools.values()].map(toolSpecOf);

  const instructions =
    resumed?.header.instructions ??
    buildInstructions({
      projectInstructions: await loadProjectInstructions({
        globalDir: options.globalInstructionsDir ?? path.join(os.homedir(), '.tandem'),
        cwd: workspace.root,
      }),
      trusted,
      systemPrompt: options.systemPrompt,
    });
  const prefixTokens = prefixTokensOf(instructions, toolSpecs);

  let writer: SessionWriter | undefined = resumed ? new SessionWriter(sessionFile(storageDir, sessionId)) : undefined;
  const log = (): SessionWriter => {
    writer ??= SessionWriter.create(storageDir, {
      id: sessionId,
      createdAt: Date.now(),
      cwd: workspace.root,
      model: { model: model.model, baseUrl: model.baseUrl, wire: model.wire, reasoningEffort: model.reasoningEffort, contextWindow: model.contextWindow },
      instructions,
    });
    return writer;
  };
  const history = new ConversationHistory(prefixTokens, resumed?.history ?? [], {
    onAppend: (entries: HistoryEntry[]) => log().append({ t: 'history', entries }),
    onReset: (entries: HistoryEntry[]) => log().append({ t: 'history_reset', entries }),
  });
  history.restoreUsage(resumed?.usage);

  // the session's recent items in full (start order, latest state); older ones are paged
  // from the log, so a long session does not grow the process
  const items = new ItemWindow(() => writer?.file, options.recentItems, resumed?.items);
  const onItem = (phase: 'started' | 'completed', item: Item) => (phase === 'started' ? items.started(item) : items.completed(item));

  const settings = (): TurnSettings => ({
    model: model.model,
    reasoningEffort: model.reasoningEffort,
    contextWindow: model.contextWindow ?? DEFAULT_CONTEXT_WINDOW,
    compactThreshold: model.compactThreshold ?? DEFAULT_COMPACT_THRESHOLD,
  });
  const ctx: SessionContext = {
    sessionId,
    client,
    settings,
    policy: () => policy,
    instructions,
    toolSpecs,
    tools,
    prefixTokens,
    history,
    staging,
    view: staging,
    toolContext: () => ({ view: staging, staging, shell: shells.shell, plainShell: shells.plainShell, approvals: options.approvals, guard, rgPath: options.rgPath }),
    log,
    newItemId: () => `item_${randomUUID().slice(0, 12)}`,
    newTurnId: () => `turn_${randomUUID().slice(0, 12)}`,
    ...turnLimitsOf(options),
    abortGraceMs: options.abortGraceMs ?? 500,
    endTurnWhen: options.endTurnWhen,
  };

  let running = false;
  let started = false;

  async function* runStreamed(input: string, runOptions: RunOptions = {}, retry = false): AsyncGenerator<SessionEvent> {
    if (running) throw new Error('A turn is already running in this session; wait for it or abort it.');
    running = true;
    try {
      if (!started) {
        started = true;
        yield { type: 'session/started', sessionId };
      }
      const queue = new EventQueue<SessionEvent>();
      const done = runTurn(ctx, { text: input, attachments: runOptions.attachments, signal: runOptions.signal, retry }, (e) => queue.push(e), onItem).finally(() => queue.close());
      for await (const event of queue) yield event;
      await done;
    } finally {
      running = false;
    }
  }

  const agent: Agent = {
    sessionId,
    items: () => items.all(),
    itemsBefore: (beforeId: string, limit: number) => items.itemsBefore(beforeId, limit),
    olderItemCount: () => items.olderItemCount(),
    runStreamed: (input: string, runOptions?: RunOptions) => runStreamed(input, runOptions),
    run: (input: string, runOptions?: RunOptions): Promise<TurnResult> => foldTurn(runStreamed(input, runOptions)),
    retryStreamed: (runOptions?: RunOptions) => runStreamed('', runOptions, true),
    retry: (runOptions?: RunOptions): Promise<TurnResult> => foldTurn(runStreamed('', runOptions, true)),
    async compact(compactOptions = {}) {
      if (running) throw new Error('Cannot compact while a turn is running.');
      if (history.length === 0) return;
      running = true;
      const turnId = ctx.newTurnId();
      try {
        const emitter = new ItemEmitter(() => {}, (item) => {
          onItem('completed', item);
          log().append({ t: 'item', item });
        });
        await compactSession(ctx, emitter, turnId, compactOptions.signal ?? new AbortController().signal);
      } finally {
        running = false;
      }
    },
    staging,
    changes: () => staging.changes(),
    apply: (p, hunkIds) => staging.apply(p, hunkIds),
    reject: (p, hunkIds, reason) => staging.reject(p, hunkIds, reason),
    setApprovalPolicy(next: ApprovalPolicy) {
      if (!trusted || next === policy) return; // untrusted stays read-only
      policy = next;
      if (!injectedGuard) guard = defaultGuard(policy, workspace.root, shells.sandboxAvailable, trusted);
    },
    setModel(update) {
      model = { ...model, ...update };
    },
    contextUsage: () => ({ contextTokens: history.estimateTokens(), contextWindow: settings().contextWindow }),
    async dispose() {
      // nothing holds OS resources between turns; the log is written synchronously
    },
  };
  return agent;
}
