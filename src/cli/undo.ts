// `tandem undo ID [--turn N] [--revert]`: puts a saved session's staged changes back to
// how they were when turn N started (files written by commands included), without a
// model. With --revert it also writes back, three-way, what applying those changes did
// to the user's files. The session's agent is told at its next turn.
import { itemsOf, readSessionRecords, revertTurn, turnIdsOf, undoTurn, type RevertOutcome } from '../core/index';
import type { Command } from './args';
import { UsageError } from './args';
import { storageDir } from './env';
import { openSavedStaging } from './sessions';
import type { Out } from './render';

export async function undoCommand(command: Extract<Command, { kind: 'undo' }>, out: Out): Promise<number> {
  const { info, staging } = await openSavedStaging(command.id);
  const records = await readSessionRecords(storageDir(), info.id);
  const turns = turnIdsOf(records);
  if (turns.length === 0) throw new UsageError(`Session ${info.id} has no turns to undo.`);
  const n = command.turn ?? turns.length;
  if (n > turns.length) throw new UsageError(`Session ${info.id} has ${turns.length} turn${turns.length === 1 ? '' : 's'}; there is no turn ${n}.`);
  const turnId = turns[n - 1];
  const items = itemsOf(records);
  const undone = await undoTurn(staging, items, turnId);
  const reverted: RevertOutcome[] = command.revert ? await revertTurn(staging, items, turnId) : [];
  if (command.json) {
    out.stdout(`${JSON.stringify({ sessionId: info.id, turn: n, turnId, ...undone, reverted })}\n`);
  } else {
    out.stderr(`Turn ${n} undone: ${undone.restored.length ? `staged changes restored for ${undone.restored.join(', ')}` : 'the staged changes were already as they were before it'}.\n`);
    for (const r of reverted) out.stderr(r.status === 'reverted' ? `reverted: ${r.path}\n` : `not reverted: ${r.path}: ${r.detail}\n`);
    if (!command.revert && undone.applied.length) {
      out.stderr(`Already applied to your files: ${undone.applied.join(', ')}. Write them back with: tandem undo ${info.id} --turn ${n} --revert\n`);
    }
  }
  return reverted.some((r) => r.status === 'conflict') ? 1 : 0;
}
