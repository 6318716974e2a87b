// `tandem exec` and `tandem resume`: build an agent over a Node workspace, run one turn,
// print progress (or JSONL), then print the staged diff or apply it.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import {
  createAgent,
  createNodeWorkspace,
  foldTurn,
  readSessionInfo,
  resolveModelConfig,
  resolveSessionId,
  type Agent,
  type Attachment,
  type ModelConfig,
  type RunOptions,
  type StoredSession,
  type TurnResult,
} from '../core/index';
import type { ModelFlags, RunFlags } from './args';
import { UsageError, parseMaxRetries } from './args';
import { createTerminalApprovals } from './approvals';
import { LineInput } from './lineInput';
import { ProgressRenderer, oneLine, renderDiff, renderOutcome, type Out } from './render';
import { findRg, isFolder, storageDir } from './env';
import { loadCliMcp } from './mcp';
import { planTask } from './slash';

export class CliFailure extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
    this.name = 'CliFailure';
  }
}

export const EXIT_ABORTED = 130;

/** Model settings shared by exec, resume and review: flags, then the saved session, then the environment. */
export function modelConfig(flags: ModelFlags, stored?: StoredSession['model'], env: NodeJS.ProcessEnv = process.env): ModelConfig {
  const config = resolveModelConfig({
    maxRetries: flags.maxRetries ?? parseMaxRetries(env.TANDEM_MAX_RETRIES, 'TANDEM_MAX_RETRIES'),
    model: flags.model ?? stored?.model,
    baseUrl: flags.baseUrl ?? stored?.baseUrl,
    wire: flags.wire ?? (flags.baseUrl ? undefined : stored?.wire),
    reasoningEffort: flags.effort ?? stored?.reasoningEffort,
    contextWindow: flags.contextWindow ?? stored?.contextWindow,
  });
  let openai = false;
  try {
    openai = new URL(config.baseUrl ?? '').hostname === 'api.openai.com';
  } catch {
    throw new UsageError(`--base-url is not a URL: "${config.baseUrl}".`);
  }
  if (!config.apiKey && openai) throw new CliFailure('No API key: set OPENAI_API_KEY (or --base-url for a local server).');
  return config;
}

function workspaceDir(flags: RunFlags, fallback: string): string {
  const dir = path.resolve(flags.cwd ?? fallback);
  if (!isFolder(dir)) throw new UsageError(`--cwd is not a folder: ${dir}`);
  return dir;
}

export interface RunRequest {
  task: string;
  flags: RunFlags;
  /** Set for `resume`. */
  sessionId?: string;
}

export async function runTask(req: RunRequest, out: Out): Promise<number> {
  const home = storageDir();
  let stored: StoredSession | undefined;
  if (req.sessionId) stored = await readSessionInfo(home, await resolveSessionId(home, req.sessionId));
  const cwd = workspaceDir(req.flags, stored?.cwd ?? process.cwd());
  const plan = await planTask(req.task, req.flags, cwd, req.sessionId !== undefined, out);
  if (plan.kind === 'done') return plan.code;
  const model = modelConfig(req.flags, stored?.model);
  const workspace = await createNodeWorkspace(cwd);
  const interactive = Boolean(process.stdin.isTTY) && !req.flags.json;
  const mcp = await loadCliMcp(workspace.root, req.flags.mcpConfig, home, out);
  // interactive: one reader of the terminal answers approvals and steers with any other line
  let steer: (line: string) => void = () => {};
  const lines = interactive ? new LineInput({ input: process.stdin, output: process.stderr, onLine: (line) => steer(line) }) : undefined;
  let agent: Agent;
  try {
    agent = await createAgent({
      model,
      workspace,
      storageDir: home,
      globalInstructionsDir: home,
      approvals: createTerminalApprovals({ interactive, lines }),
      approvalPolicy: req.flags.approval,
      sandbox: req.flags.sandbox,
      commandEnv: req.flags.env,
      importLimits: req.flags.importLimits,
      rgPath: findRg(),
      sessionId: stored?.id,
      maxRounds: req.flags.maxRounds,
      maxTurnTokens: req.flags.maxTurnTokens,
      maxAgents: req.flags.maxAgents,
      ...(mcp.servers.length > 0 ? { mcp: { servers: mcp.servers, memory: mcp.memory, allow: req.flags.allowMcp } } : {}),
    });
  } catch (err) {
    lines?.close();
    throw err;
  }
  steer = (line) => void steerWith(agent, line, out);
  // MCP servers stop when the run ends, however it ends
  try {
    if (plan.kind === 'compact') return await compactOnly(agent, plan.focus, req, out);
    return await runAndFinish(agent, { ...req, task: plan.message }, out, lines);
  } finally {
    lines?.close();
    await agent.dispose();
  }
}

/** `tandem resume ID "/compact [focus]"`: compacts the saved session now. */
async function compactOnly(agent: Agent, focus: string, req: RunRequest, out: Out): Promise<number> {
  // items() is a window whose front moves: look for the compaction item that is new
  const before = new Set(agent.items().map((i) => i.id));
  await agent.compact({ focus });
  const item = agent.items().find((i) => i.type === 'compaction' && !before.has(i.id));
  if (req.flags.json) out.stdout(`${JSON.stringify({ type: 'cli/compacted', sessionId: agent.sessionId, item: item ?? null })}\n`);
  else if (!item) out.stderr('Nothing to compact: the session has no history yet.\n');
  else if (item.type === 'compaction') out.stderr(`Compacted session ${agent.sessionId}: about ${item.tokensBefore} → ${item.tokensAfter} tokens.\n`);
  return 0;
}

async function runAndFinish(agent: Agent, req: RunRequest, out: Out, lines: LineInput | undefined): Promise<number> {
  agent.mcp?.onEvent((e) => {
    if (e.type === 'mcp/tools_changed' && !req.flags.json) out.stderr(`note: ${e.note}\n`);
  });

  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    interrupts++;
    if (interrupts > 1) process.exit(EXIT_ABORTED); // a second ^C: leave now (the log is on disk)
    out.stderr('\ninterrupting… (press Ctrl-C again to quit at once)\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  let result: TurnResult;
  try {
    const attachments = await imageAttachments(agent, req.flags.images);
    result = await runTurn(agent, req, { signal: controller.signal, attachments }, out, lines !== undefined);
  } finally {
    lines?.close();
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
  return finishTurn(agent, req, result, out);
}

/** A line typed while the agent runs: steers the running turn (or waits in the session's queue). */
async function steerWith(agent: Agent, line: string, out: Out): Promise<void> {
  try {
    const m = await agent.steer(line);
    if (m.mode === 'steer') out.stderr(`↳ steering: ${oneLine(line)}\n`);
    else out.stderr(`↳ the task is finishing: queued in session ${agent.sessionId} (tandem resume sends it after your next message)\n`);
  } catch (err) {
    out.stderr(`↳ not sent: ${err instanceof Error ? err.message : String(err)}\n`);
  }
}

/** --image files, stored in the session (downscaled when over the limits). */
async function imageAttachments(agent: Agent, files: string[]): Promise<Attachment[] | undefined> {
  if (files.length === 0) return undefined;
  const out: Attachment[] = [];
  for (const file of files) {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(readFileSync(file));
    } catch (err) {
      throw new UsageError(`--image: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`);
    }
    try {
      out.push(await agent.addImage(bytes, path.basename(file)));
    } catch (err) {
      throw new CliFailure(`--image ${file}: ${(err as Error).message}`);
    }
  }
  return out;
}

async function runTurn(agent: Agent, req: RunRequest, options: RunOptions, out: Out, steering: boolean): Promise<TurnResult> {
  const renderer = new ProgressRenderer(out);
  if (!req.flags.json) out.stderr(`session ${agent.sessionId} · ${agent.staging.root}\n`);
  if (steering) out.stderr('(type a message and press Enter to steer the agent while it works)\n');
  const events = agent.runStreamed(req.task, options);
  // fold while printing: run() would hide the events; the items are printed, not kept
  // (a turn may run for thousands of steps)
  return foldTurn(
    (async function* () {
      for await (const e of events) {
        if (req.flags.json) out.stdout(`${JSON.stringify(e)}\n`);
        else renderer.onEvent(e);
        yield e;
      }
      if (!req.flags.json) renderer.finish();
    })(),
    { items: false },
  );
}

async function finishTurn(agent: Agent, req: RunRequest, result: TurnResult, out: Out): Promise<number> {
  const changes = await agent.changes();
  const id = agent.sessionId;
  let applied: string[] = [];
  let held: { path: string; reason: string }[] = [];
  let conflicts = 0;
  if (req.flags.apply && result.status === 'completed' && changes.length > 0) {
    // Protected changes apply only when named one by one (--apply-protected PATH).
    const outcomes = await agent.staging.applyAll({ protected: req.flags.applyProtected });
    applied = outcomes.map(renderOutcome);
    held = outcomes.flatMap((o) => (o.status === 'held' ? [{ path: o.path, reason: o.reason }] : []));
    conflicts = outcomes.filter((o) => o.status === 'conflict').length;
  }
  if (req.flags.json) {
    out.stdout(
      `${JSON.stringify({ type: 'cli/summary', sessionId: id, status: result.status, error: result.error, staged: changes.map((c) => ({ path: c.path, kind: c.kind, added: c.added, removed: c.removed, ...(c.protected ? { protected: c.protected } : {}) })), applied, held })}\n`,
    );
  } else if (applied.length > 0) {
    out.stderr(`${applied.join('\n')}\n`);
    if (held.length) out.stderr(`${held.length === 1 ? '1 protected change was' : `${held.length} protected changes were`} left staged in session ${id}: tandem apply ${id} --apply-protected PATH\n`);
  } else if (changes.length > 0) {
    out.stderr(`\n${renderDiff(changes)}`);
    const files = changes.length === 1 ? '1 file' : `${changes.length} files`;
    out.stderr(`\nStaged changes to ${files} are saved in session ${id}.\nApply them: tandem apply ${id}   Discard them: tandem discard ${id}\n`);
  }
  if (result.status === 'aborted') {
    if (!req.flags.json) out.stderr(`interrupted; the session is saved: tandem resume ${id} "..."\n`);
    return EXIT_ABORTED;
  }
  if (result.status === 'failed') {
    if (!req.flags.json) out.stderr(`tandem: ${result.error ?? 'the task failed'}\n`);
    return 1;
  }
  return conflicts > 0 ? 1 : 0;
}
