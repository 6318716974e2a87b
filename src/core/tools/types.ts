// One tool per file, each behind this interface. A tool declares its JSON Schema
// parameters (sent to the model verbatim, and used to validate the arguments the model
// sends back) and whether it mutates (mutating tools never run in parallel and are
// refused in read-only mode).
import type { TSchema, Static } from '@sinclair/typebox';
import type { FileView } from '../workspace/types';
import type { StagingArea } from '../staging/types';
import type { Shell } from '../shell/types';
import type { Approvals } from '../approvals/types';
import type { ImageAttachment, Item, SubagentItem } from '../types/items';
import type { SessionImages } from '../images/store';
import type { ItemDelta } from '../types/events';
import type { Guard } from '../policy/guard';
import type { AgentControl } from './agentControl';

export interface ToolContext {
  /** Reads see the staged view (workspace plus this session's staged changes). */
  readonly view: FileView;
  readonly staging: StagingArea;
  /** Sandboxed shell (commands run against the staged view). */
  readonly shell: Shell;
  /**
   * Plain, unsandboxed shell in the workspace. Used only when the guard's assessment says
   * `sandboxed: false` (an approved escalation, or the full-access policy).
   */
  readonly plainShell: Shell;
  readonly approvals: Approvals;
  /** Applies the approval policy; ask through `approvals` when it says 'ask'. */
  readonly guard: Guard;
  readonly signal: AbortSignal;
  readonly turnId: string;
  /** Path of a ripgrep binary, injected by the host; undefined when none was found. */
  readonly rgPath?: string;
  /** The session's image store (view_image); absent: this session takes no images. */
  readonly images?: SessionImages;
  /** False when the model is set to take no images. */
  readonly imagesAllowed?: boolean;
  /** The session's subagents (spawn_agent and friends); absent where agents cannot spawn. */
  readonly agents?: AgentControl;
  /**
   * Aborted once the user steers (a message waits for the model): a tool that waits for
   * something else (wait_agent) returns early so the model reads it. Absent: nobody steers.
   */
  readonly steered?: AbortSignal;
  newItemId(): string;
  /** Item lifecycle for the UI and the session log. */
  startItem(item: Item): void;
  updateItem(itemId: string, delta: ItemDelta): void;
  completeItem(item: Item): void;
  /** A subagent card's new state (`subagent/updated`); it stays open. */
  reviseItem?(item: SubagentItem): void;
}

export interface ToolResult {
  /** What the model sees. Keep it short: capped by the tool. */
  output: string;
  /** False when the tool failed; the output then explains the failure to the model. */
  success: boolean;
  /**
   * Images to show the model (view_image): sent in a user-role message right after the
   * tool outputs of this round (both wire APIs take images there), and shown on the item.
   */
  images?: ImageAttachment[];
}

export interface Tool<S extends TSchema = TSchema> {
  readonly name: string;
  readonly description: string;
  readonly parameters: S;
  /** True when the tool changes files or runs commands. */
  readonly mutates: boolean;
  /**
   * Checks the arguments instead of the TypeBox check of `parameters`, for tools whose
   * schema is plain JSON Schema (MCP tools). Returns the problems; empty when valid.
   */
  validate?(args: unknown): string[];
  /** MCP tools: the server and the tool's name there (shown on the tool_call item). */
  readonly mcp?: { server: string; tool: string };
  /** Called with arguments already validated against `parameters`. */
  run(args: Static<S>, ctx: ToolContext): Promise<ToolResult>;
}

/** Tool errors that go back to the model (never crash the loop). */
export class ToolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolError';
  }
}
