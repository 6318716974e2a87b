// The messages waiting for the agent, above the composer: each queued message can be
// edited, removed, moved, or turned into a steer of the running turn (compact icon
// buttons, each named after its message); steering messages show until the turn takes
// them. When no turn runs (a stop or a failure left them), "Send queued" starts them.
// Every change goes to the host, which logs it first. The messages are the user's text
// (translate="no").
import * as l10n from '@vscode/l10n';
import { useState } from 'react';
import type { QueuedMessage } from '../../../src/protocol';
import { useCall, useSelect } from '../../context';
import { Button } from '../ui/Button';
import { Icon } from '../ui/Icon';
import { IconButton } from '../ui/IconButton';

export function QueuedList() {
  const queued = useSelect((s) => s.queued);
  const running = useSelect((s) => s.running);
  if (queued.length === 0) return null;
  return (
    <section className="queued" aria-label={l10n.t('Queued messages')}>
      <ol className="queued-list">
        {queued.map((m, i) => (
          <QueuedRow key={m.id} message={m} index={i} last={i === queued.length - 1} running={running} />
        ))}
      </ol>
      {!running && queued.some((m) => m.mode === 'queue') && <SendQueued />}
    </section>
  );
}

function SendQueued() {
  const call = useCall();
  return (
    <Button secondary icon="run-all" className="queued-run" onClick={() => void call('queue/run', {})}>
      {l10n.t('Send queued')}
    </Button>
  );
}

function QueuedRow({ message, index, last, running }: { message: QueuedMessage; index: number; last: boolean; running: boolean }) {
  const call = useCall();
  const [editing, setEditing] = useState<string | undefined>();
  const steer = message.mode === 'steer';
  const n = index + 1;
  const save = async () => {
    if (editing === undefined) return;
    if (editing.trim() && editing !== message.text) await call('queue/update', { id: message.id, text: editing });
    setEditing(undefined);
  };
  return (
    <li className={`queued-item${steer ? ' queued-steer' : ''}`} data-queued={message.id}>
      <span className="queued-kind">
        <Icon name={steer ? 'compass' : 'clock'} />
        {steer ? l10n.t('Steering') : l10n.t('Queued {0}', n)}
      </span>
      {editing === undefined ? (
        <span className="queued-text" translate="no">
          {message.text}
        </span>
      ) : (
        <textarea
          className="input queued-edit"
          aria-label={l10n.t('Edit queued message')}
          value={editing}
          autoFocus
          onChange={(e) => setEditing(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              void save();
            } else if (e.key === 'Escape') setEditing(undefined);
          }}
          onBlur={() => void save()}
        />
      )}
      <span className="queued-actions">
        {!steer && running && (
          <IconButton icon="compass" label={l10n.t('Steer now with queued message {0}', n)} title={l10n.t('Steer now: deliver it into the running turn')} onClick={() => void call('queue/update', { id: message.id, mode: 'steer' })} />
        )}
        {!steer && editing === undefined && <IconButton icon="edit" label={l10n.t('Edit queued message {0}', n)} title={l10n.t('Edit')} onClick={() => setEditing(message.text)} />}
        {!steer && index > 0 && <IconButton icon="arrow-up" label={l10n.t('Move queued message {0} up', n)} title={l10n.t('Move up')} onClick={() => void call('queue/move', { id: message.id, index: index - 1 })} />}
        {!steer && !last && <IconButton icon="arrow-down" label={l10n.t('Move queued message {0} down', n)} title={l10n.t('Move down')} onClick={() => void call('queue/move', { id: message.id, index: index + 1 })} />}
        <IconButton icon="close" label={l10n.t('Remove queued message {0}', n)} title={l10n.t('Remove')} onClick={() => void call('queue/remove', { id: message.id })} />
      </span>
    </li>
  );
}
