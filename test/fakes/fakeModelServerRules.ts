// Rule matching of the fake model server (used when no reply is queued and no handler is
// set; the e2e tests drive a separate server process with these). See fakeModelServer.ts.
import type { HistoryEntry } from '../../src/core/model/types';
import type { Reply } from './fakeModelServerWire';

export interface RuleCondition {
  /** The last input item is a user message containing this text. */
  userContains?: string;
  /** The last input item is a tool (function call) output containing this text. */
  toolOutputContains?: string;
  /** The last input item is (true) or is not (false) a tool output. */
  lastInputIsToolOutput?: boolean;
  /** The system instructions contain this text. */
  instructionsContain?: string;
}

export interface Rule {
  when?: RuleCondition;
  reply: Reply;
  /** Use this rule at most this many times (default: unlimited). */
  times?: number;
}

export interface RuleSet {
  rules: Rule[];
  /** Reply when no rule matches. */
  defaultReply?: Reply;
}

export const DEFAULT_RULE_REPLY: Reply = { text: 'Done.' };

/** Accepts a bare array of rules or { rules, defaultReply } (the rules.json formats). */
export function parseRuleSet(json: unknown): RuleSet {
  const raw = (Array.isArray(json) ? { rules: json } : json) as Partial<RuleSet> | null;
  if (!raw || !Array.isArray(raw.rules)) throw new Error('Rules must be an array or { rules: [...], defaultReply? }.');
  for (const [i, rule] of raw.rules.entries()) {
    if (!rule || typeof rule !== 'object' || typeof rule.reply !== 'object') throw new Error(`Rule ${i} has no reply object.`);
  }
  return { rules: raw.rules.map((r) => ({ ...r })), defaultReply: raw.defaultReply };
}

export function ruleMatches(when: RuleCondition | undefined, instructions: string, input: HistoryEntry[]): boolean {
  if (!when) return true;
  const last = input[input.length - 1];
  const isToolOutput = last?.type === 'function_call_output';
  if (when.lastInputIsToolOutput !== undefined && when.lastInputIsToolOutput !== isToolOutput) return false;
  if (when.userContains !== undefined) {
    if (!(last?.type === 'message' && last.role === 'user' && last.content.includes(when.userContains))) return false;
  }
  if (when.toolOutputContains !== undefined) {
    if (!(last?.type === 'function_call_output' && last.output.includes(when.toolOutputContains))) return false;
  }
  if (when.instructionsContain !== undefined && !instructions.includes(when.instructionsContain)) return false;
  return true;
}

/** First matching rule with uses left wins; its use count goes down. */
export function pickRuleReply(set: RuleSet, instructions: string, input: HistoryEntry[]): Reply {
  for (const rule of set.rules) {
    if (rule.times !== undefined && rule.times <= 0) continue;
    if (!ruleMatches(rule.when, instructions, input)) continue;
    if (rule.times !== undefined) rule.times -= 1;
    return rule.reply;
  }
  return set.defaultReply ?? DEFAULT_RULE_REPLY;
}
