// The guards that end a long turn instead of a fixed request cap: a stuck loop (the same
// failing tool call, or the same response, again and again), an optional cap on model
// requests and an optional token budget. A user-started turn has no request cap by
// default: a 1,000-step task runs to the end; a model that keeps doing the same thing
// does not.
//
// Stuck means, for `limit` rounds in a row (default 5):
//  - the same call (tool name and arguments, byte for byte) failed every time; or
//  - the model sent the same response (its text and its calls' names and arguments;
//    call ids and reasoning ignored), whatever the calls returned.
// Any other round resets the count. (Roo Code stops identical consecutive tool calls
// after 3; 5 leaves room for a deliberate retry or a short poll.)
import type { HistoryEntry } from '../model/types';

export const DEFAULT_REPEAT_LIMIT = 5;

export interface CallResult {
  name: string;
  arguments: string;
  success: boolean;
}

export interface TurnLimits {
  /** Model requests per turn; undefined: no cap. */
  maxRounds?: number;
  /** Input + output tokens per turn (compaction included); undefined: no budget. */
  maxTurnTokens?: number;
  /** Rounds in a row that count as stuck; 0 turns the guard off. */
  repeatLimit: number;
}

/** The limit options as given to createAgent, checked: 0 means "none" for the two caps. */
export function turnLimitsOf(options: { maxRounds?: number; maxTurnTokens?: number; repeatLimit?: number }): Partial<TurnLimits> {
  const check = (value: number | undefined, name: string) => {
    if (value !== undefined && (!Number.isInteger(value) || value < 0)) throw new Error(`${name} must be a whole number, 0 or more (got ${value}).`);
    return value;
  };
  const cap = (value: number | undefined, name: string) => (check(value, name) ? value : undefined);
  return { maxRounds: cap(options.maxRounds, 'maxRounds'), maxTurnTokens: cap(options.maxTurnTokens, 'maxTurnTokens'), repeatLimit: check(options.repeatLimit, 'repeatLimit') };
}

/** Why the turn must not send another request, or undefined. */
export function limitReached(limits: TurnLimits, round: number, tokensUsed: number): string | undefined {
  if (limits.maxRounds !== undefined && round >= limits.maxRounds) {
    return `The agent stopped after ${limits.maxRounds} model requests: the limit for one turn (maxRounds, --max-rounds, tandem.maxRounds). Send a message to let it continue.`;
  }
  if (limits.maxTurnTokens !== undefined && tokensUsed >= limits.maxTurnTokens) {
    return `The agent stopped: this turn used ${tokensUsed.toLocaleString('en-US')} tokens, its budget is ${limits.maxTurnTokens.toLocaleString('en-US')} (maxTurnTokens, --max-turn-tokens, tandem.maxTurnTokens). Send a message to let it continue.`;
  }
  return undefined;
}

export class StuckLoopGuard {
  private lastResponse: string | undefined;
  private responseRepeats = 0;
  /** Signature of each call that failed in every round so far in a row -> rounds. */
  private failing = new Map<string, number>();

  constructor(private readonly limit: number) {}

  /** Forgets the rounds so far (a message the user steered into the turn). */
  reset(): void {
    this.lastResponse = undefined;
    this.responseRepeats = 0;
    this.failing = new Map();
  }

  /** After a round: the response and what its calls returned. A message when stuck. */
  afterRound(response: readonly HistoryEntry[], results: readonly CallResult[]): string | undefined {
    if (this.limit <= 0) return undefined;
    const signature = responseSignature(response);
    this.responseRepeats = signature === this.lastResponse ? this.responseRepeats + 1 : 1;
    this.lastResponse = signature;

    const failedNow = new Map<string, number>();
    for (const r of results) {
      if (r.success) continue;
      const key = JSON.stringify([r.name, r.arguments]);
      failedNow.set(key, (this.failing.get(key) ?? 0) + 1);
    }
    this.failing = failedNow; // only the calls that failed in this round too stay counted

    for (const [key, rounds] of this.failing) {
      if (rounds < this.limit) continue;
      const [name, args] = JSON.parse(key) as [string, string];
      return `The agent stopped: the same ${name} call failed ${rounds} times in a row (${preview(args)}). It looks stuck; send a message to tell it how to proceed.`;
    }
    if (this.responseRepeats >= this.limit) {
      const calls = response.filter((e) => e.type === 'function_call').map((e) => (e.type === 'function_call' ? `${e.name} ${preview(e.arguments)}` : ''));
      const what = calls.length ? `, calling ${calls.join(', ')}` : '';
      return `The agent stopped: the model sent the same response ${this.responseRepeats} times in a row${what}. It looks stuck in a loop; send a message to tell it how to proceed.`;
    }
    return undefined;
  }
}

function responseSignature(response: readonly HistoryEntry[]): string {
  const parts: string[] = [];
  for (const e of response) {
    if (e.type === 'message' && e.role === 'assistant') parts.push(`m:${e.content}`);
    else if (e.type === 'function_call') parts.push(`c:${e.name}:${e.arguments}`);
  }
  return parts.join('\n');
}

function preview(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
