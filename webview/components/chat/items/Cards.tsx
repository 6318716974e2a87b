// File changes (with +/- counts, a link to the diff and, while the file is still
// staged, one to it in the Changes area) and generic tool calls.
import { memo } from 'react';
import type { Item } from '../../../../src/protocol';
import { useCall, useSelect } from '../../../context';
import { KIND_LABEL, KIND_LETTER } from '../../changes/diffRows';
import { revealChange } from '../../changes/reveal';
import { ImageThumb } from '../../images/ImageThumb';

type Of<T extends Item['type']> = Extract<Item, { type: T }>;

export function LineCounts({ added, removed }: { added: number; removed: number }) {
  return (
    <span className="counts" aria-label={`${added} lines added, ${removed} removed`}>
      <span className="count-add" aria-hidden="true">+{added}</span>{' '}
      <span className="count-del" aria-hidden="true">−{removed}</span>
    </span>
  );
}

export const FileChangeCard = memo(function FileChangeCard({ item }: { item: Of<'file_change'> }) {
  const call = useCall();
  const staged = useSelect((s) => s.changes);
  const failed = item.status === 'failed' || item.status === 'declined';
  return (
    <div className={`card files${failed ? ' card-failed' : ''}`} role="group" aria-label="File changes">
      <div className="card-head">
        <span className="card-title">{item.status === 'in_progress' ? 'Editing' : failed ? 'Edit not applied' : 'Edited'}</span>
        {item.status === 'in_progress' && <span className="spinner" role="img" aria-label="in progress" />}
      </div>
      <ul className="file-list">
        {item.changes.map((c) => (
          <li key={c.path} className="file-row">
            <span className={`kind kind-${c.kind}`} title={KIND_LABEL[c.kind]} aria-label={KIND_LABEL[c.kind]}>
              {KIND_LETTER[c.kind]}
            </span>
            <button
              type="button"
              className="link-button file-path"
              title={c.from ? `${c.from} → ${c.path}` : c.path}
              aria-label={`Open diff of ${c.path}`}
              onClick={() => void call('changes/openDiff', { path: c.path })}
            >
              {c.path}
            </button>
            <LineCounts added={c.added} removed={c.removed} />
            {staged.some((s) => s.path === c.path) && (
              <button type="button" className="link-button card-review" aria-label={`Show in Changes: ${c.path}`} onClick={() => revealChange(c.path)}>
                Show in Changes
              </button>
            )}
          </li>
        ))}
      </ul>
      {item.error && <div className="error-text">{item.error}</div>}
    </div>
  );
});

export const ToolCallCard = memo(function ToolCallCard({ item }: { item: Of<'tool_call'> }) {
  const running = item.status === 'in_progress';
  return (
    <details className={`card tool${item.status === 'failed' ? ' card-failed' : ''}`}>
      <summary className="card-head">
        <span className="card-title">{item.name}</span>
        <code className="tool-args">{oneLine(item.arguments)}</code>
        {running && <span className="spinner" role="img" aria-label="running" />}
        {item.status === 'failed' && <span className="badge badge-error">failed</span>}
        {item.status === 'declined' && <span className="badge badge-error">declined</span>}
      </summary>
      <div className="cmd-body">
        <pre className="cmd-output" tabIndex={0} aria-label={`Arguments of ${item.name}`}>
          {item.arguments}
        </pre>
        {item.output !== undefined && (
          <pre className="cmd-output" tabIndex={0} aria-label={`Result of ${item.name}`}>
            {item.output.length > 20_000 ? `${item.output.slice(0, 20_000)}\n…` : item.output}
          </pre>
        )}
        {item.images?.map((image) => <ImageThumb key={image.hash} image={image} />)}
      </div>
    </details>
  );
});

function oneLine(s: string): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 117)}…` : flat;
}
