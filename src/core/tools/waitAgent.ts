// wait_agent: waits until at least one of the given subagents has finished (or the
// timeout passes) and reports each one's state, final message, staged changes and token
// use. The results of a child reported here are not repeated to the model later.
import { Type, type Static } from '@sinclair/typebox';
import type { Tool } from './types';
import { requireAgents } from './spawnAgent';

export const WAIT_DEFAULT_MS = 30_000;
export const WAIT_MIN_MS = 1_000;
export const WAIT_MAX_MS = 3_600_000;

const parameters = Type.Object(
  {
    ids: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, description: 'Agent ids (from spawn_agent) to wait for.' }),
    timeout_ms: Type.Optional(Type.Integer({ description: `How long to wait at most (default ${WAIT_DEFAULT_MS}, between ${WAIT_MIN_MS} and ${WAIT_MAX_MS}).` })),
  },
  { additionalProperties: false },
);

export const waitAgentTool: Tool<typeof parameters> = {
  name: 'wait_agent',
  description:
    'Wait for subagents to finish. Returns as soon as at least one of them has finished, with every finished one\'s state, final message, staged changes (files, +/-, conflicts) and tokens; ' +
    'on timeout, all of them as they are ("timed_out": true). Call it again for the others.',
  parameters,
  mutates: false,
  async run(args: Static<typeof parameters>, ctx) {
    const agents = requireAgents(ctx, 'wait_agent');
    const timeout = Math.min(WAIT_MAX_MS, Math.max(WAIT_MIN_MS, args.timeout_ms ?? WAIT_DEFAULT_MS));
    // a message the user steers ends the wait: the model reads it now, not after the children
    const steered = ctx.steered;
    const signal = steered ? AbortSignal.any([ctx.signal, steered]) : ctx.signal;
    const { reports, timedOut } = await agents.wait([...new Set(args.ids)], timeout, signal);
    const interrupted = steered?.aborted === true && !ctx.signal.aborted && reports.every((r) => r.state === 'running' || r.state === 'waiting_approval');
    return {
      success: true,
      output: JSON.stringify({ agents: reports, timed_out: timedOut, ...(interrupted ? { interrupted: 'the user sent a message (it follows); call wait_agent again once you have read it' } : {}) }),
    };
  },
};
