// Flag parsing shared by the commands (exec, resume, review): the model flags, strict
// parsing with one-line errors, and the value checks.
import { parseArgs } from 'node:util';
import { errorLine } from './render';
import type { ReasoningEffort, WireApi } from '../core/index';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Flags that choose and tune the model (exec, resume, review). */
export interface ModelFlags {
  model?: string;
  baseUrl?: string;
  wire?: WireApi;
  effort?: ReasoningEffort;
  contextWindow?: number;
  /** Model request retries (--max-retries, else TANDEM_MAX_RETRIES, else the model default). */
  maxRetries?: number;
}

/** Flags every model-driven command takes (exec, resume, review). */
export const modelOptions = {
  cwd: { type: 'string' },
  model: { type: 'string' },
  'base-url': { type: 'string' },
  wire: { type: 'string' },
  effort: { type: 'string' },
  'context-window': { type: 'string' },
  'max-retries': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

// The values each enumerated flag accepts; the help lists them from here so it cannot drift.
export const WIRES = ['responses', 'chat'] as const;
export const EFFORTS = ['minimal', 'low', 'medium', 'high'] as const;

/** node:util parseArgs (strict), with its error as a one-line UsageError. */
export const parse: typeof parseArgs = (config) => {
  try {
    return parseArgs(config);
  } catch (err) {
    throw new UsageError(errorLine(err));
  }
};

export function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${flag} must be one of ${allowed.join(', ')} (got "${value}").`);
  return value as T;
}

/** A retry count: a whole number from 0 to 20 (`what` names the flag or variable). */
export function parseMaxRetries(value: string | undefined, what: string): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 20) throw new UsageError(`${what} must be a whole number from 0 to 20 (got "${value}").`);
  return n;
}

export function parseContextWindow(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1000) throw new UsageError('--context-window must be a whole number of tokens (at least 1000).');
  return n;
}
