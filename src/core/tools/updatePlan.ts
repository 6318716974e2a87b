// update_plan: the model's step list for the task, shown to the user as a plan item.
// At most one step may be in progress.
import { Type, type Static } from '@sinclair/typebox';
import type { PlanItem } from '../types/items';
import { ToolError, type Tool } from './types';

const parameters = Type.Object(
  {
    explanation: Type.Optional(Type.String({ description: 'Why the plan changed (optional).' })),
    plan: Type.Array(
      Type.Object(
        {
          step: Type.String({ minLength: 1 }),
          status: Type.Union([Type.Literal('pending'), Type.Literal('in_progress'), Type.Literal('completed')]),
        },
        { additionalProperties: false },
      ),
      { description: 'The whole plan, in order. At most one step in_progress.' },
    ),
  },
  { additionalProperties: false },
);

export const updatePlanTool: Tool<typeof parameters> = {
  name: 'update_plan',
  description:
    'Share or update your step-by-step plan for a multi-step task. Send the whole plan each time; mark at most one step in_progress, and completed steps as completed.',
  parameters,
  mutates: false,
  async run(args: Static<typeof parameters>, ctx) {
    const active = args.plan.filter((s) => s.status === 'in_progress');
    if (active.length > 1) {
      throw new ToolError(`At most one step may be in_progress; got ${active.length} (${active.map((s) => JSON.stringify(s.step)).join(', ')}).`);
    }
    const item: PlanItem = {
      id: ctx.newItemId(),
      turnId: ctx.turnId,
      type: 'plan',
      ...(args.explanation ? { explanation: args.explanation } : {}),
      steps: args.plan.map((s) => ({ step: s.step, status: s.status })),
    };
    ctx.startItem(item);
    ctx.completeItem(item);
    const done = args.plan.filter((s) => s.status === 'completed').length;
    return { success: true, output: `Plan updated (${done} of ${args.plan.length} steps completed).` };
  },
};
