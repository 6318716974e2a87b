// send_message: a follow-up for a subagent. A finished child starts working on it at
// once (a new card); a running child gets it when its current work ends.
import { Type, type Static } from '@sinclair/typebox';
import type { Tool } from './types';
import { cardSink, requireAgents } from './spawnAgent';

const parameters = Type.Object(
  {
    id: Type.String({ minLength: 1, description: 'Agent id (from spawn_agent).' }),
    message: Type.String({ minLength: 1, description: 'The follow-up message.' }),
  },
  { additionalProperties: false },
);

export const sendMessageTool: Tool<typeof parameters> = {
  name: 'send_message',
  description: 'Send a follow-up message to a subagent (running or finished; not closed). Collect its answer with wait_agent.',
  parameters,
  mutates: false,
  async run(args: Static<typeof parameters>, ctx) {
    const { queued } = await requireAgents(ctx, 'send_message').send(args.id, args.message, cardSink(ctx));
    return { success: true, output: JSON.stringify({ submitted: true, queued }) };
  },
};
