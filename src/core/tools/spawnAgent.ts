// spawn_agent: starts a subagent (a child agent with its own conversation) on a
// well-scoped task and returns its id at once; the child works in parallel. Names and
// argument shapes follow codex's multi-agent tools, which OpenAI models are trained on.
import { Type, type Static } from '@sinclair/typebox';
import { ToolError, type Tool, type ToolContext } from './types';
import type { CardSink } from './agentControl';

const parameters = Type.Object(
  {
    message: Type.String({ minLength: 1, description: 'The task for the new agent: concrete, self-contained, with the files and the result you expect.' }),
    agent_type: Type.Optional(
      Type.Union([Type.Literal('worker'), Type.Literal('explorer')], {
        description: 'worker (default): every tool, its edits staged on its own branch and merged into yours when it finishes. explorer: read-only (read, list, search, known-safe commands), for research.',
      }),
    ),
    model: Type.Optional(Type.String({ minLength: 1, description: 'Model override for the new agent. Omit to use your model.' })),
    reasoning_effort: Type.Optional(
      Type.Union([Type.Literal('minimal'), Type.Literal('low'), Type.Literal('medium'), Type.Literal('high')], { description: 'Reasoning effort override. Omit to use yours.' }),
    ),
    fork_context: Type.Optional(Type.Boolean({ description: 'True starts the agent with a copy of your conversation so far (costs tokens); false or omitted: only the message.' })),
  },
  { additionalProperties: false },
);

/** The calling turn's item lifecycle, for the child's card. */
export function cardSink(ctx: ToolContext): CardSink {
  return {
    turnId: ctx.turnId,
    newItemId: () => ctx.newItemId(),
    start: (item) => ctx.startItem(item),
    revise: (item) => ctx.reviseItem?.(item),
    complete: (item) => ctx.completeItem(item),
    signal: ctx.signal,
  };
}

export function requireAgents(ctx: ToolContext, tool: string) {
  if (!ctx.agents) throw new ToolError(`${tool} is not available in this session.`);
  return ctx.agents;
}

export const spawnAgentTool: Tool<typeof parameters> = {
  name: 'spawn_agent',
  description:
    'Start a subagent on a well-scoped task; returns {"agent_id"} at once while it works in parallel. ' +
    'Give parallel workers disjoint files: overlapping edits come back as conflicts. ' +
    'Collect results with wait_agent; follow up with send_message; stop one with close_agent.',
  parameters,
  mutates: false,
  async run(args: Static<typeof parameters>, ctx) {
    const agents = requireAgents(ctx, 'spawn_agent');
    const id = await agents.spawn(
      {
        message: args.message,
        agentType: args.agent_type ?? 'worker',
        model: args.model,
        reasoningEffort: args.reasoning_effort,
        forkContext: args.fork_context === true,
      },
      cardSink(ctx),
    );
    return { success: true, output: JSON.stringify({ agent_id: id }) };
  },
};
