import type { Handler } from '../types';

/**
 * Model, reasoning effort and approval policy from the pickers. They are written to the
 * user's settings; the settings listener applies them to the open session.
 */
export const configUpdate: Handler<'config/update'> = (params, ctx) => ctx.config.update(params);
