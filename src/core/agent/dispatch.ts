// Runs the tool calls of one model response and returns their outputs (in call order)
// for the history. Never throws for the model's mistakes: an unknown tool, arguments
// that are not JSON or fail the tool's schema, a path outside the workspace, a tool
// refused by the policy or a tool that crashes all become a tool output that says what
// was wrong, so the model can correct itself.
//
// Ordering: consecutive read-only calls run in parallel (Promise.all); a mutating call
// runs alone, after everything before it, so later reads see its effect.
import { Value } from '@sinclair/typebox/value';
import type { Tool, ToolContext, ToolResult } from '../tools/types';
import { ToolError } from '../tools/types';
import { PathOutsideWorkspaceError } from '../workspace/types';
import type { HistoryEntry } from '../model/types';
import type { ImageAttachment, Item, ToolCallItem } from '../types/items';
import { IMAGE_PREFIX } from './prompt';
import { userEntry } from './userImages';
import type { ApprovalPolicy } from '../policy/types';
import type { ItemEmitter } from './itemEmitter';

export interface ToolCallRequest {
  callId: string;
  name: string;
  arguments: string;
}

/** Tools that report their own items (command_execution, file_change, plan, subagent). */
const SELF_REPORTING = new Set(['shell', 'apply_patch', 'update_plan', 'spawn_agent', 'send_message']);

/** Safety cap on any tool output sent to the model (tools cap their own, usually lower). */
export const MAX_TOOL_OUTPUT_CHARS = 48_000;

export const ABORTED_OUTPUT = 'Not completed: the user interrupted the turn.';

export interface DispatchDeps {
  tools: ReadonlyMap<string, Tool>;
  policy: ApprovalPolicy;
  emitter: ItemEmitter;
  turnId: string;
  signal: AbortSignal;
  newItemId(): string;
  /** The parts of ToolContext that do not depend on the call. */
  context: Omit<ToolContext, 'signal' | 'turnId' | 'newItemId' | 'startItem' | 'updateItem' | 'completeItem' | 'reviseItem'>;
  /** Tools this agent lacks on purpose, with why (a subagent's role): a clearer refusal than "unknown tool". */
  unavailable?: ReadonlyMap<string, string>;
  /** Told whether each call succeeded (refused calls did not), in completion order. */
  onResult?(call: ToolCallRequest, success: boolean): void;
}

interface Prepared {
  call: ToolCallRequest;
  tool?: Tool;
  args?: unknown;
  /** Set when the call cannot run: the output explaining why. */
  refusal?: string;
}

export function capOutput(text: string, max = MAX_TOOL_OUTPUT_CHARS): string {
  if (text.length <= max) return text;
  const head = Math.floor(max * 0.6);
  const tail = max - head;
  return `${text.slice(0, head)}\n[... ${text.length - max} characters omitted ...]\n${text.slice(text.length - tail)}`;
}

export function prepareCall(call: ToolCallRequest, tools: ReadonlyMap<string, Tool>, policy: ApprovalPolicy, unavailable?: ReadonlyMap<string, string>): Prepared {
  const tool = tools.get(call.name);
  if (!tool) {
    const why = unavailable?.get(call.name);
    if (why) return { call, refusal: `${call.name} is not available: ${why}` };
    return { call, refusal: `Unknown tool "${call.name}". Available tools: ${[...tools.keys()].join(', ')}.` };
  }
  let args: unknown;
  const raw = call.arguments.trim();
  try {
    // some servers send "" for a call without arguments
    args = raw === '' ? {} : JSON.parse(raw);
  } catch (err) {
    return { call, tool, refusal: `The arguments of ${call.name} are not valid JSON (${(err as Error).message}). Send one JSON object matching the tool's parameters.` };
  }
  const problems = tool.validate
    ? tool.validate(args).slice(0, 6)
    : Value.Check(tool.parameters, args)
      ? []
      : [...Value.Errors(tool.parameters, args)].slice(0, 6).map((e) => `${e.path || '(root)'}: ${e.message}`);
  if (problems.length > 0) {
    return { call, tool, refusal: `Invalid arguments for ${call.name}: ${problems.join('; ')}. Fix them and call the tool again.` };
  }
  if (tool.mutates && policy === 'read-only') {
    return { call, tool, refusal: `${call.name} is not available: this session is read-only (it cannot change files or run commands).` };
  }
  return { call, tool, args };
}

function describeError(name: string, err: unknown): string {
  if (err instanceof ToolError || err instanceof PathOutsideWorkspaceError) return err.message;
  const message = err instanceof Error ? err.message : String(err);
  return `${name} failed: ${message}`;
}

interface CallResult {
  output: string;
  images?: ImageAttachment[];
}

async function runOne(p: Prepared, deps: DispatchDeps): Promise<CallResult> {
  const { call } = p;
  const mcp = p.tool?.mcp ? { mcp: { server: p.tool.mcp.server, tool: p.tool.mcp.tool } } : {};
  const displayItem = (): ToolCallItem => ({ id: deps.newItemId(), turnId: deps.turnId, type: 'tool_call', name: call.name, arguments: call.arguments, ...mcp, status: 'in_progress' });
  if (p.refusal !== undefined || !p.tool) {
    deps.emitter.emit({ ...displayItem(), output: p.refusal, status: 'failed' });
    deps.onResult?.(call, false);
    return { output: p.refusal ?? 'The call could not run.' };
  }
  if (deps.signal.aborted) return { output: ABORTED_OUTPUT };
  const tool = p.tool;
  const ownItems = SELF_REPORTING.has(tool.name);
  let reported = false;
  const item = ownItems ? undefined : displayItem();
  if (item) deps.emitter.start(item);
  const ctx: ToolContext = {
    ...deps.context,
    signal: deps.signal,
    turnId: deps.turnId,
    newItemId: deps.newItemId,
    startItem: (i: Item) => {
      reported = true;
      deps.emitter.start(i);
    },
    updateItem: (id, delta) => deps.emitter.update(id, delta),
    completeItem: (i: Item) => {
      reported = true;
      deps.emitter.complete(i);
    },
    reviseItem: (i) => deps.emitter.revise(i),
  };
  let result: ToolResult;
  try {
    result = await tool.run(p.args as never, ctx);
  } catch (err) {
    result = { success: false, output: deps.signal.aborted ? ABORTED_OUTPUT : describeError(tool.name, err) };
  }
  const output = capOutput(result.output);
  deps.onResult?.(call, result.success);
  const images = result.images?.length ? result.images : undefined;
  if (item) {
    deps.emitter.complete({ ...item, output, ...(images ? { images } : {}), status: result.success ? 'completed' : 'failed' });
  } else if (!reported) {
    // a self-reporting tool that failed before reporting: still show the call
    deps.emitter.emit({ ...displayItem(), output, status: result.success ? 'completed' : 'failed' });
  }
  return { output, ...(images ? { images } : {}) };
}

/**
 * Runs the calls and returns a function_call_output entry per call, in call order, then
 * one user-role entry per call that showed images (view_image), after all the outputs.
 */
export async function dispatchToolCalls(calls: ToolCallRequest[], deps: DispatchDeps): Promise<HistoryEntry[]> {
  const prepared = calls.map((c) => prepareCall(c, deps.tools, deps.policy, deps.unavailable));
  const outputs: CallResult[] = new Array(calls.length);
  let i = 0;
  while (i < prepared.length) {
    const p = prepared[i];
    if (p.tool?.mutates && p.refusal === undefined) {
      outputs[i] = await runOne(p, deps);
      i++;
      continue;
    }
    // a run of read-only (or refused) calls: in parallel
    let j = i;
    while (j < prepared.length && !(prepared[j].tool?.mutates && prepared[j].refusal === undefined)) j++;
    const batch = await Promise.all(prepared.slice(i, j).map((q) => runOne(q, deps)));
    batch.forEach((o, k) => (outputs[i + k] = o));
    i = j;
  }
  const entries: HistoryEntry[] = calls.map((c, k) => ({ type: 'function_call_output', callId: c.callId, output: outputs[k].output }));
  calls.forEach((c, k) => {
    const images = outputs[k].images;
    if (images) entries.push(userEntry(`${IMAGE_PREFIX} ${images.length === 1 ? 'The image' : 'The images'} ${c.name} showed you (call ${c.callId}): ${images.map((i) => i.name ?? 'image').join(', ')}`, images));
  });
  return entries;
}
