// "Undo this turn" under the message that started a turn: the host puts the staged
// changes back to how they were before it (the Changes area follows). When some of the
// turn's changes were already applied, "Revert applied changes" writes the earlier
// content back three-way (the user's later edits are kept or reported as conflicts).
import { useState } from 'react';
import { useCall, useDeps, useSelect } from '../../../context';

export function TurnUndo({ turnId }: { turnId: string }) {
  const call = useCall();
  const { store } = useDeps();
  const running = useSelect((s) => s.running);
  const [applied, setApplied] = useState<string[]>([]);
  const notice = (kind: 'info' | 'error', message: string) => store.dispatch({ type: 'notice/show', kind, message });

  const undo = async () => {
    const r = await call('turn/undo', { turnId });
    if (!r) return;
    setApplied(r.applied);
    notice('info', r.restored.length ? `Turn undone: staged changes restored for ${r.restored.join(', ')}.` : 'Turn undone: the staged changes were already as they were before it.');
  };
  const revert = async () => {
    const r = await call('turn/revert', { turnId });
    if (!r) return;
    setApplied([]);
    const conflicts = r.outcomes.filter((o) => o.status === 'conflict');
    const reverted = r.outcomes.filter((o) => o.status === 'reverted').map((o) => o.path);
    if (reverted.length) notice('info', `Reverted in your files: ${reverted.join(', ')}.`);
    for (const c of conflicts) notice('error', `Not reverted: ${c.path}: ${c.detail ?? 'conflict'}`);
  };

  return (
    <div className="turn-undo">
      <button type="button" className="link-button" disabled={running} title="Put the staged changes back to how they were before this turn" onClick={() => void undo()}>
        Undo this turn
      </button>
      {applied.length > 0 && (
        <button type="button" className="link-button" disabled={running} title={`Write back ${applied.join(', ')} three-way; your later edits are kept`} onClick={() => void revert()}>
          Revert applied changes ({applied.length})
        </button>
      )}
    </div>
  );
}
