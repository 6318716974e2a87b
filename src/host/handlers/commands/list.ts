import type { Handler } from '../types';

/** The slash commands and skills the composer completes (fresh each time: prompts and skills are files the user edits). */
export const commandsList: Handler<'commands/list'> = (_params, ctx) => ctx.slash.list();
