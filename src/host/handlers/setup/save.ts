import type { Handler } from '../types';

/** Stores the key in SecretStorage and provider/baseUrl/model in the user's settings. */
export const setupSave: Handler<'setup/save'> = async (params, ctx) => {
  const view = await ctx.config.saveSetup(params);
  ctx.sessions.invalidate();
  return view;
};
