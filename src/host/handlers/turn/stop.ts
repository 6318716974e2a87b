import type { Handler } from '../types';

/** Aborts the running turn; pending approvals of that turn resolve to deny. */
export const turnStop: Handler<'turn/stop'> = (_params, ctx) => {
  ctx.sessions.stop();
  return { ok: true };
};
