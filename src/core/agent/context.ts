// What one session gives a turn: built by createAgent, read by the loop. Getters for
// the things the user may change between turns (model, effort, approval policy); the
// rest is fixed for the session (instructions and tools stay byte-stable).
import type { ModelClient, ToolSpec, ReasoningEffort } from '../model/types';
import type { Tool, ToolContext } from '../tools/types';
import type { StagingArea } from '../staging/types';
import type { ApprovalPolicy } from '../policy/types';
import type { ConversationHistory } from './history';
import type { SessionWriter } from '../session/store';
import type { FileView } from '../workspace/types';
import type { SessionImages } from '../images/store';
import type { Usage } from '../types/events';
import type { SkillReader } from './prompt';
import type { Attachment } from '../types/items';

export interface TurnSettings {
  model: string;
  reasoningEffort?: ReasoningEffort;
  contextWindow: number;
  compactThreshold: number;
  /** The model takes images (ModelConfig.images; undefined: yes). */
  images?: boolean;
}

export interface SessionContext {
  readonly sessionId: string;
  readonly client: ModelClient;
  settings(): TurnSettings;
  policy(): ApprovalPolicy;
  /** System prompt + AGENTS.md: byte-stable for the session. */
  readonly instructions: string;
  /** Tool list as sent: byte-stable for the session once `prepareTools` has run. */
  readonly toolSpecs: ToolSpec[];
  readonly tools: ReadonlyMap<string, Tool>;
  /** Estimated tokens of instructions + tools. */
  readonly prefixTokens: number;
  /**
   * Called when a turn starts, before its first model request: the first call completes
   * the tool list (MCP servers start) and returns warnings for the user; later calls
   * return []. May ask the user (approving a workspace's MCP server).
   */
  prepareTools?(signal: AbortSignal): Promise<string[]>;
  readonly history: ConversationHistory;
  readonly staging: StagingArea;
  /** The staged view attachments are read through. */
  readonly view: FileView;
  /** The session's image store (attachments, view_image); absent: no images. */
  readonly images?: SessionImages;
  /** Skill attachments: the session's skills by name. */
  readonly readSkill?: SkillReader;
  /** The attachments plus a skill attachment for each `$name` of a known skill the text mentions. */
  readonly skillMentions?: (text: string, attachments: Attachment[] | undefined) => Attachment[] | undefined;
  /** Tool context parts that do not depend on the call or the turn. */
  toolContext(): Omit<ToolContext, 'signal' | 'turnId' | 'newItemId' | 'startItem' | 'updateItem' | 'completeItem'>;
  /** The session log (created on the first turn). */
  log(): SessionWriter;
  newItemId(): string;
  newTurnId(): string;
  /** Cap on model requests per turn; undefined: none (see loopGuard.ts). */
  readonly maxRounds?: number;
  /** Token budget per turn (input + output, compaction included); undefined: none. */
  readonly maxTurnTokens?: number;
  /** Rounds in a row of the same failing call or response that end the turn (default 5; 0: off). */
  readonly repeatLimit?: number;
  /** How long an abort waits for tools to stop before completing the turn anyway. */
  readonly abortGraceMs: number;
  /** After a round of tool calls: true ends the turn without asking the model again. */
  endTurnWhen?(): boolean;
  /** Tools this agent lacks on purpose, with why (a subagent's role or depth limit). */
  readonly unavailableTools?: ReadonlyMap<string, string>;
  /** The session's subagents, as the loop sees them (agent/subagents/manager.ts). */
  readonly subagents?: SubagentHooks;
  /**
   * False: turns take no checkpoint (a subagent: its staging is a branch nobody undoes;
   * its work merges into its session's area, whose turn checkpoint covers it).
   */
  readonly checkpointTurns?: boolean;
}

/**
 * What the turn loop does with subagents: a turn does not end while one runs (it waits,
 * then lets the model see results it did not collect), an abort stops them all before
 * the turn ends, and their tokens count in the turn's usage.
 */
export interface SubagentHooks {
  /** True while any subagent works. */
  running(): boolean;
  /** Resolves when none works (returns at once when none does). */
  settle(): Promise<void>;
  /** Stops every subagent's current work (the parent's turn was aborted). */
  abortAll(): void;
  /** A note for the model on subagents that finished without wait_agent reporting them; undefined when none. */
  takeNote(): string | undefined;
  /** Tokens subagents used since the last call. */
  takeUsage(): Usage;
}
