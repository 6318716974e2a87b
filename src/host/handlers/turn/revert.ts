import { readySession, type Handler } from '../types';

/** Reverts applied changes since the turn, three-way through WorkspaceEdit (the host's Workspace). */
export const turnRevert: Handler<'turn/revert'> = async (params, ctx) => ({ outcomes: await (await readySession(ctx)).revertTurn(params.turnId) });
