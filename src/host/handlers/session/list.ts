import type { Handler } from '../types';

export const sessionList: Handler<'session/list'> = async (_params, ctx) => ({ sessions: await ctx.sessions.list() });
