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

export interface TurnSettings {
  model: string;
  reasoningEffort?: ReasoningEffort;
  contextWindow: number;
  compactThreshold: number;
}

export interface SessionContext {
  readonly sessionId: string;
  readonly client: ModelClient;
  settings(): TurnSettings;
  policy(): ApprovalPolicy;
  /** System prompt + AGENTS.md: byte-stable for the session. */
  readonly instructions: string;
  /** Tool list as sent: byte-stable for the session. */
  readonly toolSpecs: ToolSpec[];
  readonly tools: ReadonlyMap<string, Tool>;
  /** Estimated tokens of instructions + tools. */
  readonly prefixTokens: number;
  readonly history: ConversationHistory;
  readonly staging: StagingArea;
  /** The staged view attachments are read through. */
  readonly view: FileView;
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
}
