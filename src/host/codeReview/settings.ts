// The `tandem.review.*` settings as plain data (ids in package.json contributes), and the
// thresholds they set for what the editor shows. vscode-free.
// Contract: the editor keeps every finding a review returned and filters on display, so
// changing a threshold shows or hides findings at once, without reviewing again.
import { meetsThresholds, parsePriority, type ReviewThresholds } from '../../core/shared';
import type { ModelConfig, Priority, ReviewFinding } from '../../core/index';
import type { ReviewSource } from '../../protocol/review';

/** The background review of the agent's staged changes: off, with the chat's model, or with `model`. */
export type AgentReviewMode = 'off' | 'on' | 'otherModel';

export interface ReviewSettings {
  /** Findings less urgent than this are not shown (P0 is the most urgent). */
  minPriority: Priority;
  /** Findings less confident than this are not shown. */
  minConfidence: number;
  agentChanges: AgentReviewMode;
  /** The model of the background review when agentChanges is 'otherModel' (empty: the chat's). */
  model: string;
  /** The background review runs after a turn that changed at least this many staged lines. */
  minChangedLines: number;
}

export const DEFAULT_REVIEW_SETTINGS: ReviewSettings = { minPriority: 2, minConfidence: 0.5, agentChanges: 'on', model: '', minChangedLines: 5 };

/** Setting ids under `tandem.review.`. */
export type ReviewSettingKey = 'minPriority' | 'minConfidence' | 'agentChanges' | 'model' | 'minChangedLines';

/** Coerces whatever settings.json holds (a typo falls back to the default, never breaks a review). */
export function coerceReviewSettings(get: (key: ReviewSettingKey) => unknown): ReviewSettings {
  const d = DEFAULT_REVIEW_SETTINGS;
  const priority = get('minPriority');
  const confidence = get('minConfidence');
  const mode = get('agentChanges');
  const model = get('model');
  const lines = get('minChangedLines');
  return {
    minPriority: (typeof priority === 'string' ? parsePriority(priority) : undefined) ?? d.minPriority,
    minConfidence: typeof confidence === 'number' && confidence >= 0 && confidence <= 1 ? confidence : d.minConfidence,
    agentChanges: mode === 'off' || mode === 'on' || mode === 'otherModel' ? mode : d.agentChanges,
    model: typeof model === 'string' ? model.trim() : d.model,
    minChangedLines: typeof lines === 'number' && Number.isFinite(lines) && lines >= 0 ? Math.floor(lines) : d.minChangedLines,
  };
}

export function thresholdsOf(s: Pick<ReviewSettings, 'minPriority' | 'minConfidence'>): ReviewThresholds {
  return { minPriority: s.minPriority, minConfidence: s.minConfidence };
}

/** The findings the editor shows, in their order, and how many it hides. */
export function visibleFindings<F extends Pick<ReviewFinding, 'priority' | 'confidence'>>(findings: readonly F[], t: ReviewThresholds): { shown: F[]; hidden: number } {
  const shown = findings.filter((f) => meetsThresholds(f, t));
  return { shown, hidden: findings.length - shown.length };
}

/**
 * The model a review runs on: the chat's, or for the background review with
 * agentChanges 'otherModel' the named one (the chat model's context window does not
 * apply to it, so the core picks the named model's).
 */
export function reviewModelConfig(chat: ModelConfig, s: Pick<ReviewSettings, 'agentChanges' | 'model'>, source: ReviewSource): ModelConfig {
  if (source !== 'agent' || s.agentChanges !== 'otherModel' || !s.model) return chat;
  const { contextWindow: _window, ...rest } = chat;
  return { ...rest, model: s.model };
}
