// The submit_review tool: the only way the reviewer returns its result. The agent's
// dispatcher validates the arguments against this typebox schema before `run`, so a
// malformed submission goes back to the model as a failed call it can correct; `run`
// only records a valid one (the last valid call wins).
import { Type, type Static } from '@sinclair/typebox';
import type { Tool } from '../tools/types';
import { SUBMIT_TOOL } from './prompt';
import type { OverallCorrectness, Priority, ReviewFinding } from './types';

const finding = Type.Object(
  {
    path: Type.String({ minLength: 1, description: 'The file, exactly as in the diff (the new path of a renamed file).' }),
    start_line: Type.Integer({ minimum: 1, description: 'First line of the problem in the NEW version of the file.' }),
    end_line: Type.Optional(Type.Integer({ minimum: 1, description: 'Last line (default: start_line). Keep the range short.' })),
    priority: Type.Integer({ minimum: 0, maximum: 3, description: '0 (P0): blocks release or breaks major usage for everyone; 1 (P1): must be fixed before merging; 2 (P2): should be fixed; 3 (P3): nit.' }),
    title: Type.String({ minLength: 1, maxLength: 300, description: 'One sentence naming the problem.' }),
    body: Type.String({ minLength: 1, maxLength: 4000, description: 'Why it is a problem: the triggering input or situation and the consequence.' }),
    confidence: Type.Number({ minimum: 0, maximum: 1, description: 'How sure you are that this is a real problem, 0 to 1.' }),
  },
  { additionalProperties: false },
);

export const submitReviewParameters = Type.Object(
  {
    findings: Type.Array(finding, { maxItems: 50, description: 'The problems found: few, high-precision; empty when there are none.' }),
    summary: Type.String({ minLength: 1, maxLength: 4000, description: 'One to three sentences: what the change does and whether it is sound.' }),
    overall_correctness: Type.Union([Type.Literal('looks good'), Type.Literal('needs changes')], {
      description: '"looks good" when nothing blocks the change, else "needs changes".',
    }),
    overall_confidence: Type.Number({ minimum: 0, maximum: 1, description: 'How sure you are of overall_correctness, 0 to 1.' }),
  },
  { additionalProperties: false },
);

export type SubmitReviewArgs = Static<typeof submitReviewParameters>;

export interface Submission {
  findings: ReviewFinding[];
  summary: string;
  overallCorrectness: OverallCorrectness;
  overallConfidence: number;
}

function toSubmission(args: SubmitReviewArgs): Submission {
  return {
    findings: args.findings.map((f) => ({
      path: f.path,
      startLine: f.start_line,
      endLine: f.end_line ?? f.start_line,
      priority: f.priority as Priority,
      title: f.title.trim(),
      body: f.body.trim(),
      confidence: f.confidence,
    })),
    summary: args.summary.trim(),
    overallCorrectness: args.overall_correctness,
    overallConfidence: args.overall_confidence,
  };
}

/** A submit_review tool that hands each valid submission to `onSubmit`. */
export function createSubmitReviewTool(onSubmit: (s: Submission) => void): Tool<typeof submitReviewParameters> {
  return {
    name: SUBMIT_TOOL,
    description: 'Submit the finished code review: findings (file, line range in the new version, priority, one-sentence title, why, confidence), a summary, the overall verdict and your confidence in it. Call it exactly once, at the end.',
    parameters: submitReviewParameters,
    mutates: false,
    async run(args) {
      onSubmit(toSubmission(args));
      return { success: true, output: `Review recorded (${args.findings.length} finding${args.findings.length === 1 ? '' : 's'}).` };
    },
  };
}
