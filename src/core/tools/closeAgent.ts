// close_agent: stops a subagent for good (the staged work it did so far is merged and
// reported) and returns its last state. Close agents you no longer need.
import { Type, type Static } from '@sinclair/typebox';
import type { Tool } from './types';
import { requireAgents } from './spawnAgent';

const parameters = Type.Object(
  { id: Type.String({ minLength: 1, description: 'Agent id (from spawn_agent).' }) },
  { additionalProperties: false },
);

export const closeAgentTool: Tool<typeof parameters> = {
  name: 'close_agent',
  description: 'Stop a subagent and release it (it cannot be messaged again). Returns its state before closing, final message and staged changes.',
  parameters,
  mutates: false,
  async run(args: Static<typeof parameters>, ctx) {
    const report = await requireAgents(ctx, 'close_agent').close(args.id);
    return { success: true, output: JSON.stringify({ previous_state: report.state, agent: report }) };
  },
};
