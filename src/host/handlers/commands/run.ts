import type { Handler } from '../types';

/** A slash command from the composer; resolves when it is done (see src/host/slash/slashCommands.ts). */
export const commandsRun: Handler<'commands/run'> = async (params, ctx) => {
  const command = await ctx.slash.run(params.text, params.attachments);
  return { ok: true, command };
};
