// File changes (with +/- counts, a link to the diff and, while the file is still
// staged, one to it in the Changes area) and generic tool calls.
import * as l10n from '@vscode/l10n';
import { memo } from 'react';
import type { Item } from '../../../../src/protocol';
import { useCall, useSelect } from '../../../context';
import { kindLabel, KIND_LETTER } from '../../changes/diffRows';
import { Badge } from '../../ui/Badge';
import { IconButton } from '../../ui/IconButton';
import { Spinner } from '../../ui/Spinner';
import { revealChange } from '../../changes/reveal';
import { ImageThumb } from '../../images/ImageThumb';

type Of<T extends Item['type']> = Extract<Item, { type: T }>;

export function LineCounts({ added, removed }: { added: number; removed: number }) {
  return (
    <span className="counts" aria-label={l10n.t('{0} lines added, {1} removed', added, removed)}>
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
    <div className={`card files${failed ? ' card-failed' : ''}`} role="group" aria-label={l10n.t('File changes')}>
      <div className="card-head">
        <span className="card-title">{item.status === 'in_progress' ? l10n.t('Editing') : failed ? l10n.t('Edit not applied') : l10n.t('Edited')}</span>
        {item.status === 'in_progress' && <Spinner label={l10n.t('in progress')} />}
      </div>
      <ul className="file-list">
        {item.changes.map((c) => (
          <li key={c.path} className="file-row">
            <span className={`kind kind-${c.kind}`} title={kindLabel(c.kind)} aria-label={kindLabel(c.kind)} translate="no">
              {KIND_LETTER[c.kind]}
            </span>
            <button
              type="button"
              className="link-button file-path"
              title={c.from ? `${c.from} → ${c.path}` : c.path}
              aria-label={l10n.t('Open diff of {0}', c.path)}
              translate="no"
              onClick={() => void call('changes/openDiff', { path: c.path })}
            >
              {c.path}
            </button>
            <LineCounts added={c.added} removed={c.removed} />
            {staged.some((s) => s.path === c.path) && (
              <IconButton className="card-review" icon="go-to-file" label={l10n.t('Show in Changes: {0}', c.path)} title={l10n.t('Show in Changes')} onClick={() => revealChange(c.path)} />
            )}
          </li>
        ))}
      </ul>
      {item.error && (
        <div className="error-text" translate="no">
          {item.error}
        </div>
      )}
    </div>
  );
});

export const ToolCallCard = memo(function ToolCallCard({ item }: { item: Of<'tool_call'> }) {
  const running = item.status === 'in_progress';
  return (
    <details className={`card tool${item.status === 'failed' ? ' card-failed' : ''}`}>
      <summary className="card-head">
        <span className="card-title" translate="no">
          {item.name}
        </span>
        <code className="tool-args" translate="no">
          {oneLine(item.arguments)}
        </code>
        {running && <Spinner label={l10n.t('running')} />}
        {item.status === 'failed' && <Badge tone="error">{l10n.t('failed')}</Badge>}
        {item.status === 'declined' && <Badge tone="error">{l10n.t('declined')}</Badge>}
      </summary>
      <div className="cmd-body">
        <pre className="cmd-output" tabIndex={0} aria-label={l10n.t('Arguments of {0}', item.name)} translate="no">
          {item.arguments}
        </pre>
        {item.output !== undefined && (
          <pre className="cmd-output" tabIndex={0} aria-label={l10n.t('Result of {0}', item.name)} translate="no">
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
