// "Undo this turn" on the message that started a turn (an icon button shown on hover and
// keyboard focus): the host puts the staged changes back to how they were before it (the
// Changes area follows). When some of the turn's changes were already applied, "Revert
// applied changes" stays in view and writes the earlier content back three-way (the
// user's later edits are kept or reported as conflicts).
import * as l10n from '@vscode/l10n';
import { useState } from 'react';
import { useCall, useDeps, useSelect } from '../../../context';
import { Button } from '../../ui/Button';
import { IconButton } from '../../ui/IconButton';

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
    notice(
      'info',
      r.restored.length
        ? l10n.t('Turn undone: staged changes restored for {0}.', r.restored.join(', '))
        : l10n.t('Turn undone: the staged changes were already as they were before it.'),
    );
  };
  const revert = async () => {
    const r = await call('turn/revert', { turnId });
    if (!r) return;
    setApplied([]);
    const reverted = r.outcomes.filter((o) => o.status === 'reverted').map((o) => o.path);
    if (reverted.length) notice('info', l10n.t('Reverted in your files: {0}.', reverted.join(', ')));
    for (const c of r.outcomes) if (c.status === 'conflict') notice('error', l10n.t('Not reverted: {0}: {1}', c.path, c.detail ?? l10n.t('conflict')));
  };

  return (
    <div className={`turn-undo${applied.length > 0 ? ' turn-undo-pending' : ''}`}>
      {applied.length > 0 && (
        <Button secondary icon="history" disabled={running} title={l10n.t('Write back {0} three-way; your later edits are kept', applied.join(', '))} onClick={() => void revert()}>
          {l10n.t('Revert applied changes ({0})', applied.length)}
        </Button>
      )}
      <IconButton icon="discard" label={l10n.t('Undo this turn')} title={l10n.t('Undo this turn: put the staged changes back to how they were before it')} disabled={running} onClick={() => void undo()} />
    </div>
  );
}
