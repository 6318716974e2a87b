// The messages waiting for the agent, above the composer: each queued message can be
// edited, removed, moved, or turned into a steer of the running turn; steering messages
// show until the turn takes them. When no turn runs (a stop or a failure left them),
// "Send queued" starts them. Every change goes to the host, which logs it first.
import { useState } from 'react';
import type { QueuedMessage } from '../../../src/protocol';
import { useCall, useSelect } from '../../context';

export function QueuedList() {
  const queued = useSelect((s) => s.queued);
  const running = useSelect((s) => s.running);
  if (queued.length === 0) return null;
  return (
    <section className="queued" aria-label="Queued messages">
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
    <button type="button" className="btn btn-secondary queued-run" onClick={() => void call('queue/run', {})}>
      Send queued
    </button>
  );
}

function QueuedRow({ message, index, last, running }: { message: QueuedMessage; index: number; last: boolean; running: boolean }) {
  const call = useCall();
  const [editing, setEditing] = useState<string | undefined>();
  const steer = message.mode === 'steer';
  const save = async () => {
    if (editing === undefined) return;
    if (editing.trim() && editing !== message.text) await call('queue/update', { id: message.id, text: editing });
    setEditing(undefined);
  };
  return (
    <li className={`queued-item${steer ? ' queued-steer' : ''}`} data-queued={message.id}>
      <span className="queued-kind">{steer ? 'Steering' : `Queued ${index + 1}`}</span>
      {editing === undefined ? (
        <span className="queued-text">{message.text}</span>
      ) : (
        <textarea
          className="queued-edit"
          aria-label="Edit queued message"
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
          <button type="button" className="link-button" onClick={() => void call('queue/update', { id: message.id, mode: 'steer' })}>
            Steer now
          </button>
        )}
        {!steer && editing === undefined && (
          <button type="button" className="link-button" aria-label={`Edit queued message ${index + 1}`} onClick={() => setEditing(message.text)}>
            Edit
          </button>
        )}
        {!steer && index > 0 && (
          <button type="button" className="icon-button" aria-label={`Move queued message ${index + 1} up`} onClick={() => void call('queue/move', { id: message.id, index: index - 1 })}>
            ↑
          </button>
        )}
        {!steer && !last && (
          <button type="button" className="icon-button" aria-label={`Move queued message ${index + 1} down`} onClick={() => void call('queue/move', { id: message.id, index: index + 1 })}>
            ↓
          </button>
        )}
        <button type="button" className="icon-button" aria-label={`Remove queued message ${index + 1}`} onClick={() => void call('queue/remove', { id: message.id })}>
          ×
        </button>
      </span>
    </li>
  );
}
