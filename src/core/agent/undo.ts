// Undo and revert of a turn over any StagingArea that keeps checkpoints (the disk
// staging area does; see staging/checkpoints.ts): shared by Agent.undoTurn/revertTurn
// and `tandem undo`, which works on a saved session without an agent.
import type { Item } from '../types/items';
import type { RevertOutcome, StagingArea, UndoResult } from '../staging/types';
import { turnLabel } from '../session/turns';

export function undoTurn(staging: StagingArea, items: readonly Item[], turnId: string): Promise<UndoResult> {
  if (!staging.undo) return Promise.reject(new Error('This staging area keeps no checkpoints, so turns cannot be undone.'));
  return staging.undo(turnId, turnLabel(items, turnId));
}

export function revertTurn(staging: StagingArea, items: readonly Item[], turnId: string): Promise<RevertOutcome[]> {
  if (!staging.revertApplied) return Promise.reject(new Error('This staging area keeps no apply journal, so applied changes cannot be reverted.'));
  return staging.revertApplied(turnId, turnLabel(items, turnId));
}
