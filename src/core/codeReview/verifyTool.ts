// The verifier's submit tool. Every candidate finding (by id) must get exactly one
// verdict: confirmed, rejected, or duplicate of a confirmed one. A submission that misses
// an id, names an unknown one or points a duplicate at a finding that is not confirmed is
// refused with the reason, so the model corrects it; only a complete one is recorded.
import { Type, type Static } from '@sinclair/typebox';
import type { Tool } from '../tools/types';
import type { OverallCorrectness, Priority } from './types';

export const VERIFY_TOOL = 'submit_verification';

const decision = Type.Object(
  {
    id: Type.String({ minLength: 1, description: 'The candidate finding\'s id, e.g. "F1".' }),
    verdict: Type.Union([Type.Literal('confirmed'), Type.Literal('rejected'), Type.Literal('duplicate')], {
      description: 'confirmed: you checked the code and the problem is real, introduced by the change, and at those lines. rejected: you could not confirm it. duplicate: the same problem as another confirmed finding.',
    }),
    duplicate_of: Type.Optional(Type.String({ description: 'For duplicate: the id of the confirmed finding it repeats.' })),
    priority: Type.Optional(Type.Integer({ minimum: 0, maximum: 3, description: 'For confirmed: the corrected priority, when the reviewer over- or understated it.' })),
    reason: Type.String({ minLength: 1, maxLength: 1000, description: 'One sentence: what you checked and found.' }),
  },
  { additionalProperties: false },
);

export const verifyParameters = Type.Object(
  {
    findings: Type.Array(decision, { description: 'One decision per candidate finding.' }),
    summary: Type.String({ minLength: 1, maxLength: 4000, description: 'One to three sentences: what the change does and whether it is sound.' }),
    overall_correctness: Type.Union([Type.Literal('looks good'), Type.Literal('needs changes')], {
      description: '"looks good" when nothing blocks the change (judging by the confirmed findings and your reading), else "needs changes".',
    }),
    overall_confidence: Type.Number({ minimum: 0, maximum: 1, description: 'How sure you are of overall_correctness, 0 to 1.' }),
  },
  { additionalProperties: false },
);

export type Decision =
  | { verdict: 'confirmed'; priority?: Priority; reason: string }
  | { verdict: 'rejected'; reason: string }
  | { verdict: 'duplicate'; of: string; reason: string };

export interface Verification {
  /** By candidate id; every id has one. */
  decisions: Map<string, Decision>;
  summary: string;
  overallCorrectness: OverallCorrectness;
  overallConfidence: number;
}

/** The recorded verification, or the sentence telling the model what to fix. */
export function checkVerification(args: Static<typeof verifyParameters>, ids: readonly string[]): Verification | string {
  const known = new Set(ids);
  const decisions = new Map<string, Decision>();
  for (const d of args.findings) {
    const id = d.id.trim();
    if (!known.has(id)) return `Unknown finding id "${d.id}": the candidates are ${ids.join(', ')}.`;
    if (decisions.has(id)) return `Finding ${id} has more than one decision; give exactly one.`;
    if (d.verdict === 'duplicate') decisions.set(id, { verdict: 'duplicate', of: (d.duplicate_of ?? '').trim(), reason: d.reason });
    else if (d.verdict === 'confirmed') decisions.set(id, { verdict: 'confirmed', priority: d.priority as Priority | undefined, reason: d.reason });
    else decisions.set(id, { verdict: 'rejected', reason: d.reason });
  }
  const missing = ids.filter((id) => !decisions.has(id));
  if (missing.length > 0) return `No decision for ${missing.join(', ')}: every candidate needs one (confirmed, rejected or duplicate).`;
  for (const [id, d] of decisions) {
    if (d.verdict !== 'duplicate') continue;
    if (decisions.get(d.of)?.verdict !== 'confirmed' || d.of === id) return `Finding ${id} is marked a duplicate of "${d.of}", which is not a confirmed finding: name the confirmed finding it repeats, or confirm or reject it.`;
  }
  return { decisions, summary: args.summary.trim(), overallCorrectness: args.overall_correctness, overallConfidence: args.overall_confidence };
}

export function createVerifyTool(ids: readonly string[], onSubmit: (v: Verification) => void): Tool<typeof verifyParameters> {
  return {
    name: VERIFY_TOOL,
    description: 'Submit the verification: one decision per candidate finding (confirmed, rejected, or duplicate of a confirmed one), a summary, the overall verdict and your confidence in it. Call it once, at the end.',
    parameters: verifyParameters,
    mutates: false,
    async run(args) {
      const checked = checkVerification(args, ids);
      if (typeof checked === 'string') return { success: false, output: checked };
      onSubmit(checked);
      const confirmed = [...checked.decisions.values()].filter((d) => d.verdict === 'confirmed').length;
      return { success: true, output: `Verification recorded (${confirmed} of ${ids.length} confirmed).` };
    },
  };
}
