// What a subagent is told and given, by role. Workers get every tool of their parent,
// the session's MCP tools and load_skill included; explorers only the tools that do not
// change anything (read_file, list_dir, search, view_image, load_skill, MCP tools their
// server marks read-only) and shell restricted to known-safe commands by a read-only guard; the
// others are refused with a reason. The multi-agent tools are added by createAgent where
// the depth limit allows; where it does not, calling them is refused with a reason.
import type { Tool } from '../../tools/types';
import type { HistoryEntry } from '../../model/types';
import type { SubagentType } from '../../types/items';
import { MULTI_AGENT_TOOL_NAMES } from '../../tools/multiAgentTools';
import { repairDanglingCalls } from '../../session/resume';

const COMMON = `You are a subagent: another Tandem agent (your parent) started you for one task and reads your final message; the user sees your work in the parent's review. Other agents may work in the same repository at the same time, so stay within your task. You cannot ask the user questions: when something blocks you, say so in your final message.`;

const WORKER = `Role: worker. You have every tool. Your edits are staged in your own branch of the staged changes and merged into your parent's when you finish; if another agent changed the same lines, the overlap is reported as a conflict rather than overwritten, so change only what your task needs. End with a short final message: the files you changed (one sentence each), what you verified, and anything left open.`;

const EXPLORER = `Role: explorer (read-only). You can read, list and search files and run known-safe read-only commands; you cannot change files. Answer with your findings, citing files as path:line, concise enough for your parent to act on.`;

/** The preamble appended to the parent's instructions (byte-stable per role). */
export function rolePreamble(type: SubagentType): string {
  return `${COMMON}\n\n${type === 'worker' ? WORKER : EXPLORER}`;
}

/** A shell that the read-only guard limits to known-safe commands, so it does not count as mutating. */
function readOnlyShell(shell: Tool): Tool {
  return {
    ...shell,
    description: 'Run a known-safe read-only command (ls, cat, grep, git status/log/diff, ...) in the workspace; anything else is refused.',
    mutates: false,
  };
}

/** The parent's tools a child of this role gets (without the multi-agent tools). */
export function childTools(type: SubagentType, parentTools: readonly Tool[]): Tool[] {
  const own = parentTools.filter((t) => !MULTI_AGENT_TOOL_NAMES.includes(t.name));
  if (type === 'worker') return own;
  return own.filter((t) => !t.mutates || t.name === 'shell').map((t) => (t.name === 'shell' ? readOnlyShell(t) : t));
}

/** Refusals for the tools a child lacks on purpose. */
export function unavailableTools(type: SubagentType, parentTools: readonly Tool[], canSpawn: boolean, maxDepth: number): Map<string, string> {
  const out = new Map<string, string>();
  if (type === 'explorer') {
    for (const t of parentTools) {
      if (t.mutates && t.name !== 'shell') out.set(t.name, 'you are an explorer subagent and only read; report what should change instead.');
    }
  }
  if (!canSpawn) {
    const why = `subagents cannot start agents of their own here (the depth limit is ${maxDepth}); do the work yourself.`;
    for (const name of MULTI_AGENT_TOOL_NAMES) out.set(name, why);
  }
  return out;
}

/**
 * The parent's conversation for fork_context: the calls of the response being handled
 * (this spawn_agent among them) have no output yet; they are dropped rather than
 * answered, so the child starts from a valid history that does not claim to be them.
 */
export function forkHistory(history: readonly HistoryEntry[]): HistoryEntry[] {
  const answered = new Set(history.filter((e) => e.type === 'function_call_output').map((e) => e.callId));
  const kept = history.filter((e) => e.type !== 'function_call' || answered.has(e.callId));
  return repairDanglingCalls(kept);
}
