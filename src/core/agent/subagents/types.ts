// How a parent agent builds a child: what createAgent takes from the parent instead of
// its defaults (AgentWiring), and what the subagent manager needs from its session.
import type { Agent, AgentOptions } from '../types';
import type { ApprovalPolicy } from '../../policy/types';
import type { Guard } from '../../policy/guard';
import type { HistoryEntry, ModelClient } from '../../model/types';
import type { StagingArea } from '../../staging/types';
import type { Tool } from '../../tools/types';
import type { ShellChoice, ShellSettings } from '../defaults';
import type { SessionEvent } from '../../types/events';
import type { SubagentItem } from '../../types/items';
import type { SessionHeader } from '../../session/records';
import type { Skill } from '../../skills/skills';
import type { SessionImages } from '../../images/store';

/** A child agent's session, as its parent wires it (createAgent's internal second argument). */
export interface AgentWiring {
  /** 1 for the session's children, 2 for theirs... */
  depth: number;
  staging: StagingArea;
  shells: ShellChoice;
  /** What reaches the child's commands: its session's settings. */
  shellSettings: ShellSettings;
  client: ModelClient;
  /** The parent's instructions plus the role preamble (byte-stable for the child). */
  instructions: string;
  /**
   * The child's tools, without the multi-agent ones (added where the depth allows): its
   * parent's, MCP tools and load_skill included, chosen by role (roles.ts).
   */
  tools: Tool[];
  /** The session's skills (listed in the parent's instructions, which the child shares). */
  skills: readonly Skill[];
  /** The session's image store: a child's images are its session's (shown by the editor, resolvable in a fork). */
  images: SessionImages;
  /** Tools the child lacks on purpose, with why. */
  unavailableTools: ReadonlyMap<string, string>;
  /** The session's policy and guard, live: the same rules as the parent (an explorer's guard is read-only). */
  policy(): ApprovalPolicy;
  guard(): Guard;
  /** fork_context: the parent's conversation to start from. */
  history?: HistoryEntry[];
  /** Written to the child's log header. */
  parent: NonNullable<SessionHeader['parent']>;
  /** The id of a new child session (chosen by the parent, which records it on the card). */
  sessionId: string;
}

export type BuildAgent = (options: AgentOptions, wiring?: AgentWiring) => Promise<Agent>;

/** What a session lends its subagent manager. */
export interface ManagerDeps {
  options: AgentOptions;
  sessionId: string;
  depth: number;
  maxAgents: number;
  maxDepth: number;
  staging: StagingArea;
  shells: ShellChoice;
  shellSettings: ShellSettings;
  client: ModelClient;
  instructions: string;
  /** The session's tools now (the children's are chosen from them when they are built). */
  tools(): readonly Tool[];
  skills: readonly Skill[];
  images: SessionImages;
  policy(): ApprovalPolicy;
  guard(): Guard;
  /** The session's model settings now (children inherit them). */
  model(): AgentOptions['model'];
  /** The session's conversation now (fork_context). */
  history(): readonly HistoryEntry[];
  /** Passes a child's tagged event on to the session's subscribers and current turn. */
  forward(event: SessionEvent): void;
  /** Appends a card's state to the session log. */
  logCard(card: SubagentItem): void;
  build: BuildAgent;
}
