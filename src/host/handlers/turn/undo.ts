import { readySession, type Handler } from '../types';

/** Puts the staged changes back to how they were before the turn; the user's files are untouched. */
export const turnUndo: Handler<'turn/undo'> = async (params, ctx) => (await readySession(ctx)).undoTurn(params.turnId);
