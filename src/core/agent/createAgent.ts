// createAgent: wires a session together (model client, staging area, shell, guard,
// tools, instructions, history, session log) and exposes the Agent API. The loop lives
// in turn.ts, tool dispatch in dispatch.ts, compaction in compaction.ts; this file only
// assembles and keeps per-session state. A subagent is built here too: its parent
// passes an AgentWiring (agent/subagents) that replaces the defaults it shares.
import { randomUUID } from 'node:crypto';
import type { Agent, AgentOptions, RunOptions, TurnResult, ModelConfig } from './types';
import type { SessionEvent } from '../types/events';
import { DEFAULT_APPROVAL_POLICY, type ApprovalPolicy } from '../policy/types';
import type { Guard } from '../policy/guard';
import { createModelClient } from '../model/client';
import { DEFAULT_COMPACT_THRESHOLD, DEFAULT_CONTEXT_WINDOW } from '../model/config';
import { openSessionStaging } from '../session/openStaging';
import { createDefaultTools } from '../tools/defaultTools';
import { createMultiAgentTools, MULTI_AGENT_TOOL_NAMES } from '../tools/multiAgentTools';
import { SubagentManager } from './subagents/manager';
import type { AgentWiring } from './subagents/types';
import { findRepoRoot, loadProjectInstructions } from '../instructions/agentsMd';
import { discoverSkills, mentionedSkills, readSkillBody, renderSkillsList, type Skill } from '../skills/skills';
import { createLoadSkillTool } from '../tools/loadSkill';
import type { Attachment } from '../types/items';
import { SessionWriter, imagesDir, newSessionId, readSessionRecords, sessionFile } from '../session/store';
import { SessionImages } from '../images/store';
import { rebuildSession, type ResumedSession } from '../session/resume';
import type { HistoryEntry } from '../model/types';
import { ConversationHistory } from './history';
import { buildInstructions } from './prompt';
import { compactSession } from './compaction';
import { SessionToolset } from './sessionToolset';
import { defaultGuard, defaultShells, type ShellChoice, type ShellSettings } from './defaults';
import { createSandboxProbe, SANDBOX_PROBE_FILE, type SandboxProbe } from '../sandbox/probe';
import { detectSandbox } from '../sandbox/sandboxedShell';
import type { SessionContext, TurnSettings } from './context';
import { EventQueue } from './eventQueue';
import { warmUpAfterFirstResponse } from './warmUp';
import { turnLimitsOf } from './loopGuard';
import { ItemWindow } from './itemWindow';
import { preloadShellParser } from '../policy/shellParse';
import { warmUpSpawn } from '../shell/process';
import { runTurn, type TurnInput } from './turn';
import { PendingInputs } from './pendingInputs';
import { revertTurn, undoTurn } from './undo';
import { foldTurn } from './fold';
import { compileOutputSchema } from './output';
import { ItemEmitter } from './itemEmitter';
import os from 'node:os';
import path from 'node:path';

export { listSessions, deleteSession } from '../session/store';

/** A probe cached beside the sessions, for agents whose host passed none. */
function defaultSandboxProbe(storageDir: string): SandboxProbe {
  return createSandboxProbe({ detect: () => detectSandbox(), cacheFile: path.join(storageDir, SANDBOX_PROBE_FILE) });
}
/** Subagents working at once, and how deep they nest (children of the session: depth 1). */
export const DEFAULT_MAX_AGENTS = 4;
export const DEFAULT_MAX_AGENT_DEPTH = 1;

export function createAgent(options: AgentOptions): Promise<Agent> {
  return buildAgent(options);
}

/** createAgent, or (with `wiring`) a subagent's agent as its parent wires it. */
export async function buildAgent(options: AgentOptions, wiring?: AgentWiring): Promise<Agent> {
  const { workspace, storageDir } = options;
  const trusted = options.trusted !== false;
  let resumed: ResumedSession | undefined;
  if (options.sessionId) resumed = rebuildSession(await readSessionRecords(storageDir, options.sessionId));
  const sessionId = options.sessionId ?? wiring?.sessionId ?? newSessionId();

  let model: ModelConfig = { ...options.model };
  // the first command's set-up (shell parser, the guard's code path, the first child
  // process) happens while the first answer is awaited (warmUp.ts); a subagent uses its
  // parent's client, already warmed
  let warming: Promise<void> | undefined;
  const warmUp = () =>
    (warming = (async () => {
      await preloadShellParser();
      if (!injectedGuard) await guard.assessCommand({ command: 'true', cwd: workspace.root }).catch(() => undefined);
      await warmUpSpawn();
    })());
  const client = wiring?.client ?? warmUpAfterFirstResponse(options.modelClient ?? createModelClient(model), warmUp);
  // untrusted workspaces are read-only, whatever the host or the repository asks for
  let policy: ApprovalPolicy = trusted ? (options.approvalPolicy ?? DEFAULT_APPROVAL_POLICY) : 'read-only';

  const staging = wiring?.staging ?? (await openSessionStaging(workspace, storageDir, sessionId, { protectedPatterns: options.protectedPatterns }));
  // what reaches commands; a subagent's are its session's (the top storage folder stays hidden)
  const shellSettings: ShellSettings = wiring?.shellSettings ?? { storageDir, envAllow: options.commandEnv, importLimits: options.importLimits };
  // one probe per session tree (subagents get it through `options`); it runs in the
  // background: a command waits for it, the first request does not
  const probe = options.sandboxProbe ?? defaultSandboxProbe(storageDir);
  const shells: ShellChoice =
    wiring?.shells ??
    (options.shell
      ? { shell: options.shell, plainShell: options.shell, sandboxAvailable: Promise.resolve(options.shell.sandboxed) }
      : defaultShells(workspace.root, staging, options.sandbox, shellSettings, probe));
  const patterns = { secretPatterns: options.secretPatterns, protectedPatterns: options.protectedPatterns };
  let guard: Guard = options.guard ?? defaultGuard(policy, workspace.root, shells.sandboxAvailable, trusted, patterns);
  const injectedGuard = options.guard !== undefined;
  // a subagent follows its session's policy and guard as they are now
  const policyNow = (): ApprovalPolicy => (wiring ? wiring.policy() : policy);
  const guardNow = (): Guard => (wiring ? wiring.guard() : guard);

  // a subagent shares its session's skills; its tools (load_skill and the MCP tools among
  // them) are its parent's, chosen by role (agent/subagents/roles.ts)
  const globalDir = options.globalInstructionsDir ?? path.join(os.homedir(), '.tandem');
  const skills = wiring?.skills ?? (await sessionSkills(options, globalDir, workspace.root, trusted));
  // a model set to take no images is not offered view_image (the list is fixed for the session)
  const builtins = options.tools ?? createDefaultTools().filter((t) => options.model.images !== false || t.name !== 'view_image');
  const ownTools = wiring?.tools ?? [...builtins, ...(skills.length > 0 ? [createLoadSkillTool(skills)] : [])];
  // one image store per session tree: a subagent's images (view_image, MCP, a forked
  // conversation's) are its session's, so the editor shows them and forks resolve them
  const images = wiring?.images ?? new SessionImages(imagesDir(storageDir, sessionId));

  // subagents: the multi-agent tools where the limits allow (and the tool set is ours)
  const depth = wiring?.depth ?? 0;
  const maxAgents = options.maxAgents ?? DEFAULT_MAX_AGENTS;
  const maxDepth = options.maxAgentDepth ?? DEFAULT_MAX_AGENT_DEPTH;
  const canSpawn = maxAgents > 0 && depth < maxDepth && (wiring !== undefined || options.tools === undefined || options.maxAgents !== undefined);
  const allTools = canSpawn ? [...ownTools.filter((t) => !MULTI_AGENT_TOOL_NAMES.includes(t.name)), ...createMultiAgentTools()] : ownTools;

  const instructions =
    resumed?.header.instructions ??
    wiring?.instructions ??
    buildInstructions({
      projectInstructions: await loadProjectInstructions({ globalDir, cwd: workspace.root, fallbacks: options.ruleFileFallbacks }),
      trusted,
      systemPrompt: options.systemPrompt,
      skills: renderSkillsList(skills),
    });
  // MCP tools join when the first turn starts (see SessionToolset); history learns the new prefix size
  const toolset = new SessionToolset({
    builtins: allTools.filter((t) => trusted || !t.mutates),
    instructions,
    workspaceRoot: workspace.root,
    trusted,
    // a subagent starts no servers: its parent's MCP tools are among wiring.tools
    mcp: wiring ? undefined : options.mcp,
    onPrefixChange: (tokens) => history.setPrefixTokens(tokens),
  });

  let writer: SessionWriter | undefined = resumed ? new SessionWriter(sessionFile(storageDir, sessionId)) : undefined;
  const log = (): SessionWriter => {
    writer ??= SessionWriter.create(storageDir, {
      id: sessionId,
      createdAt: Date.now(),
      cwd: workspace.root,
      model: { model: model.model, baseUrl: model.baseUrl, wire: model.wire, reasoningEffort: model.reasoningEffort, contextWindow: model.contextWindow },
      instructions,
      ...(wiring ? { parent: wiring.parent } : {}),
    });
    return writer;
  };
  const history = new ConversationHistory(toolset.prefixTokens, resumed?.history ?? wiring?.history ?? [], {
    onAppend: (entries: HistoryEntry[]) => log().append({ t: 'history', entries }),
    onReset: (entries: HistoryEntry[]) => log().append({ t: 'history_reset', entries }),
  });
  history.restoreUsage(resumed?.usage);

  // the session's recent items in full (start order, latest state); older ones are paged
  // from the log, so a long session does not grow the process
  const items = new ItemWindow(() => writer?.file, options.recentItems, resumed?.items);
  // listeners see every event synchronously, when items() already reflects it
  const listeners = new Set<(event: SessionEvent) => void>();
  let title = items.title();
  /** The running turn's event stream: session-level and subagents' events join the turn they happen in. */
  let currentQueue: EventQueue<SessionEvent> | undefined;
  const emit = (event: SessionEvent, queue?: EventQueue<SessionEvent>) => {
    for (const listener of [...listeners]) listener(event);
    queue?.push(event);
    if (event.type === 'item/started' && !event.agentId && event.item.type === 'user_message' && title === undefined) {
      title = items.title();
      if (title !== undefined) emit({ type: 'session/updated', sessionId, title }, queue);
    }
  };

  const settings = (): TurnSettings => ({
    model: model.model,
    reasoningEffort: model.reasoningEffort,
    contextWindow: model.contextWindow ?? DEFAULT_CONTEXT_WINDOW,
    compactThreshold: model.compactThreshold ?? DEFAULT_COMPACT_THRESHOLD,
    images: model.images !== false,
  });
  const manager = canSpawn
    ? new SubagentManager({
        // children share the session's probe (and its limits: see the manager)
        options: { ...options, sandboxProbe: probe },
        sessionId,
        depth,
        maxAgents,
        maxDepth,
        staging,
        shells,
        shellSettings,
        client,
        instructions,
        // the session's tools as they are now: the MCP tools join on the first turn
        tools: () => [...toolset.tools.values()],
        skills,
        images,
        policy: policyNow,
        guard: guardNow,
        model: () => model,
        history: () => history.entries(),
        forward: (event) => emit(event, currentQueue),
        logCard: (card) => log().append({ t: 'item', item: card }),
        build: buildAgent,
      })
    : undefined;
  if (resumed && manager) {
    // every card of the log, not only the window's: a child's card may be long gone from memory
    await manager.restore(resumed.items, (card) => {
      items.completed(card);
      log().append({ t: 'item', item: card });
    });
  }

  const ctx: SessionContext = {
    sessionId,
    client,
    settings,
    policy: policyNow,
    instructions,
    get toolSpecs() {
      return toolset.specs;
    },
    get tools() {
      return toolset.tools;
    },
    get prefixTokens() {
      return toolset.prefixTokens;
    },
    prepareTools: (signal) => toolset.prepare(options.approvals, signal),
    history,
    staging,
    view: staging,
    images,
    readSkill: async (name) => {
      const skill = skills.find((s) => s.name === name);
      return skill ? { path: skill.path, body: await readSkillBody(skill) } : undefined;
    },
    skillMentions: (text, attachments) => withSkillMentions(text, attachments, skills),
    toolContext: () => ({
      view: staging,
      staging,
      shell: shells.shell,
      plainShell: shells.plainShell,
      approvals: options.approvals,
      guard: guardNow(),
      rgPath: options.rgPath,
      images,
      imagesAllowed: model.images !== false,
      agents: manager,
    }),
    log,
    newItemId: () => `item_${randomUUID().slice(0, 12)}`,
    newTurnId: () => `turn_${randomUUID().slice(0, 12)}`,
    ...turnLimitsOf(options),
    abortGraceMs: options.abortGraceMs ?? 500,
    endTurnWhen: options.endTurnWhen,
    unavailableTools: wiring?.unavailableTools,
    subagents: manager,
    checkpointTurns: !wiring,
  };

  // steered and queued messages; every change is in the log before it is acknowledged
  const inputs = new PendingInputs(resumed?.queued ?? [], {
    persist: (messages) => log().append({ t: 'queue', messages }),
    changed: (messages) => emit({ type: 'queue/updated', messages }, currentQueue),
    newId: () => `msg_${randomUUID().slice(0, 12)}`,
  });

  let running = false;
  let started = false;

  /** run(): runStreamed folded, its answer checked against the output schema if there is one. */
  async function run(input: string, runOptions: RunOptions = {}, retry = false): Promise<TurnResult> {
    const output = runOptions.outputSchema ? compileOutputSchema(runOptions.outputSchema, runOptions.outputSchemaName) : undefined;
    const result = await foldTurn(runStreamed(input, runOptions, retry));
    return output ? output.check(result) : result;
  }

  /**
   * Runs `first`, then, while each turn completes (not stopped, not failed), the queued
   * messages as turns of their own, all on one event stream. A stop keeps the queue. A
   * run with an output schema is one turn: its answer is the one checked, and the queue
   * waits for the next run.
   */
  async function* runChain(first: TurnInput | undefined, runOptions: RunOptions = {}): AsyncGenerator<SessionEvent> {
    if (running) throw new Error('A turn is already running in this session; wait for it or abort it.');
    const outputSchema = runOptions.outputSchema ? compileOutputSchema(runOptions.outputSchema, runOptions.outputSchemaName).request : undefined;
    running = true;
    try {
      const queue = new EventQueue<SessionEvent>();
      currentQueue = queue;
      if (!started) {
        started = true;
        emit({ type: 'session/started', sessionId }, queue);
      }
      const signal = runOptions.signal;
      const nextQueued = (): TurnInput | undefined => {
        const m = inputs.takeNextQueued();
        return m && { text: m.text, attachments: m.attachments, fromQueue: m.id };
      };
      const done = (async () => {
        let next = first ?? nextQueued();
        while (next) {
          inputs.openSteering();
          const status = await runTurn(ctx, { ...next, signal, inputs, outputSchema }, (e) => emit(e, queue), items);
          inputs.closeSteering();
          if (next.fromQueue) inputs.release([next.fromQueue]); // not recorded: it stays queued
          inputs.steersToQueue(); // a stopped turn's undelivered steers wait for the next one
          next = status === 'completed' && !signal?.aborted && !outputSchema ? nextQueued() : undefined;
        }
      })().finally(() => queue.close());
      for await (const event of queue) yield event;
      await done;
    } finally {
      running = false;
      currentQueue = undefined;
    }
  }

  const runStreamed = (input: string, runOptions: RunOptions = {}, retry = false) =>
    runChain({ text: input, attachments: runOptions.attachments, retry }, runOptions);

  function runQueuedStreamed(runOptions: RunOptions = {}): AsyncGenerator<SessionEvent> {
    if (!running && !inputs.visible().some((m) => m.mode === 'queue')) throw new Error('No message is queued.');
    return runChain(undefined, runOptions);
  }

  /** Undo and revert rewrite what a running turn stages and reads: only between turns. */
  const whenIdle = <T>(what: string, fn: () => Promise<T>): Promise<T> => (running ? Promise.reject(new Error(`Stop the running turn first to ${what}.`)) : fn());

  const agent: Agent = {
    sessionId,
    items: () => items.all(),
    itemsBefore: (beforeId: string, limit: number) => items.itemsBefore(beforeId, limit),
    olderItemCount: () => items.olderItemCount(),
    title: () => title,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    runStreamed: (input: string, runOptions?: RunOptions) => runStreamed(input, runOptions),
    run: (input: string, runOptions?: RunOptions): Promise<TurnResult> => run(input, runOptions),
    retryStreamed: (runOptions?: RunOptions) => runStreamed('', runOptions, true),
    retry: (runOptions?: RunOptions): Promise<TurnResult> => run('', runOptions, true),
    runQueuedStreamed,
    runQueued: async (runOptions?: RunOptions): Promise<TurnResult> => foldTurn(runQueuedStreamed(runOptions)),
    steer: async (text, options = {}) => inputs.add(text, options.attachments, 'steer'),
    queue: async (text, options = {}) => inputs.add(text, options.attachments, 'queue'),
    queued: () => inputs.visible(),
    updateQueued: async (id, update) => inputs.update(id, update),
    removeQueued: async (id) => inputs.remove(id),
    moveQueued: async (id, index) => inputs.move(id, index),
    skills: () => skills,
    async compact(compactOptions = {}) {
      if (running) throw new Error('Cannot compact while a turn is running.');
      if (history.length === 0) return;
      running = true;
      const turnId = ctx.newTurnId();
      try {
        const emitter = new ItemEmitter((e) => emit(e), {
          started: (item) => items.started(item),
          completed: (item) => {
            items.completed(item);
            log().append({ t: 'item', item });
          },
        });
        await compactSession(ctx, emitter, turnId, compactOptions.signal ?? new AbortController().signal, compactOptions.focus);
      } finally {
        running = false;
      }
    },
    staging,
    changes: () => staging.changes(),
    apply: (p, hunkIds) => staging.apply(p, hunkIds),
    reject: (p, hunkIds, reason) => staging.reject(p, hunkIds, reason),
    addImage: (bytes, name) => images.add(bytes, name),
    imageDataUrl: (ref) => images.dataUrl(ref),
    undoTurn: (turnId) => whenIdle('undo a turn', () => undoTurn(staging, items.withOpenerOf(turnId), turnId)),
    revertTurn: (turnId) => whenIdle('revert a turn', () => revertTurn(staging, items.withOpenerOf(turnId), turnId)),
    subagentItems: (agentId) => (manager ? manager.items(agentId) : Promise.reject(new Error(`No subagent "${agentId}" in this session.`))),
    stopSubagent: async (agentId) => manager?.stop(agentId),
    setApprovalPolicy(next: ApprovalPolicy) {
      if (!trusted || next === policy || wiring) return; // untrusted stays read-only; a subagent follows its session
      policy = next;
      if (!injectedGuard) guard = defaultGuard(policy, workspace.root, shells.sandboxAvailable, trusted, patterns);
    },
    setModel(update) {
      model = { ...model, ...update };
    },
    contextUsage: () => ({ contextTokens: history.estimateTokens(), contextWindow: settings().contextWindow }),
    mcp: toolset.hub,
    async dispose() {
      // the log is written synchronously; subagents are stopped, then the MCP servers
      // this session started (a subagent uses its parent's)
      await manager?.dispose();
      await toolset.dispose();
      // nothing the session started outlives dispose(), not even its warm-up
      await warming?.catch(() => undefined);
    },
  };
  return agent;
}

/** The session's skills (see AgentOptions.skills); problems in skill folders are skipped quietly here (`tandem skills` shows them). */
async function sessionSkills(options: AgentOptions, globalDir: string, root: string, trusted: boolean): Promise<Skill[]> {
  const purposeBuilt = options.tools !== undefined || options.systemPrompt !== undefined;
  if (options.skills === false || (options.skills === undefined && purposeBuilt)) return [];
  const where = options.skills ?? {};
  const repoRoot = (await findRepoRoot(root)) ?? root;
  return (await discoverSkills({ tandemHome: where.tandemHome ?? globalDir, userHome: where.userHome ?? os.homedir(), repoRoot, trusted })).skills;
}

/** Adds a skill attachment for each `$name` of a known skill the message mentions (once each). */
function withSkillMentions(text: string, attachments: Attachment[] | undefined, skills: readonly Skill[]): Attachment[] | undefined {
  const mentioned = mentionedSkills(text, skills).filter((s) => !attachments?.some((a) => a.type === 'skill' && a.name === s.name));
  if (mentioned.length === 0) return attachments;
  return [...(attachments ?? []), ...mentioned.map((s): Attachment => ({ type: 'skill', name: s.name, path: s.path }))];
}
