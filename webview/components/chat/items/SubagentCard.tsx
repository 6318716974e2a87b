// A subagent's card (a `subagent` item): its type, id and state, the latest activity
// line while it works, tokens and elapsed time, a Stop icon button; when it has finished,
// its answer, its changes (merged into the session's Changes) and any conflicts. Expanding
// the card shows the subagent's own items with the chat's own row views, in a
// virtualised list of their own, streaming as they arrive. What the subagent wrote (task,
// activity, answer, errors) and its id are data (translate="no"); the rest is localized.
import * as l10n from '@vscode/l10n';
import { memo, useEffect, useState } from 'react';
import { Virtuoso } from 'react-virtuoso';
import type { Item } from '../../../../src/protocol';
import { useCall, useDeps, useSelect } from '../../../context';
import { formatDuration, formatTokens } from '../../../format';
import { kindLabel, KIND_LETTER } from '../../changes/diffRows';
import { Badge, type BadgeTone } from '../../ui/Badge';
import { Icon } from '../../ui/Icon';
import { IconButton } from '../../ui/IconButton';
import { Spinner } from '../../ui/Spinner';
import { RowView, type Row } from '../ItemView';
import { LineCounts } from './Cards';
import { InSubagent } from './subagentScope';

type SubagentItem = Extract<Item, { type: 'subagent' }>;

/** The state in words (the card's accessible name ends with it) and its badge's tone. */
export function subagentState(state: SubagentItem['state']): { text: string; tone: BadgeTone } {
  switch (state) {
    case 'running':
      return { text: l10n.t('running'), tone: 'neutral' };
    case 'waiting_approval':
      return { text: l10n.t('waiting for approval'), tone: 'warning' };
    case 'completed':
      return { text: l10n.t('finished'), tone: 'ok' };
    case 'failed':
      return { text: l10n.t('failed'), tone: 'error' };
    case 'closed':
      return { text: l10n.t('closed'), tone: 'muted' };
  }
}

/** The role as the model names it in spawn_agent ("worker", "explorer"), in the reader's words. */
export function subagentType(type: SubagentItem['agentType']): string {
  return type === 'explorer' ? l10n.t('explorer') : l10n.t('worker');
}

const live = (item: SubagentItem) => item.status === 'in_progress' && (item.state === 'running' || item.state === 'waiting_approval');

/** Now, ticking once a second while `on` (the elapsed time of a working subagent). */
function useNow(on: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!on) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [on]);
  return now;
}

export const SubagentCard = memo(function SubagentCard({ item }: { item: SubagentItem }) {
  const call = useCall();
  const [open, setOpen] = useState(false);
  const running = live(item);
  const now = useNow(running);
  const tokens = item.usage.inputTokens + item.usage.outputTokens;
  const took = (item.endedAt ?? now) - item.startedAt;
  const state = subagentState(item.state);
  const type = subagentType(item.agentType);
  return (
    <div
      className={`card subagent subagent-${item.state}${item.state === 'failed' ? ' card-failed' : ''}`}
      role="group"
      aria-label={l10n.t('Subagent {0} {1}: {2}', type, item.agentId, state.text)}
      data-agent-id={item.agentId}
    >
      <div className="card-head">
        <Icon name={item.agentType === 'explorer' ? 'search' : 'tools'} className="card-icon" />
        <span className="card-title">
          <span className={`subagent-type subagent-type-${item.agentType}`}>{type}</span>{' '}
          <span className="subagent-id" translate="no">
            {item.agentId}
          </span>
        </span>
        <span className="card-meta">
          <span className="subagent-state" aria-live="polite">
            {running && <Spinner label={l10n.t('working')} />}
            <Badge tone={state.tone}>{state.text}</Badge>
          </span>
          <span className="subagent-meta muted" title={l10n.t('{0} input, {1} output tokens', item.usage.inputTokens, item.usage.outputTokens)}>
            {l10n.t('{0} tokens · {1}', formatTokens(tokens), formatDuration(took))}
          </span>
          {running && <IconButton icon="debug-stop" label={l10n.t('Stop subagent {0}', item.agentId)} title={l10n.t('Stop this subagent (its staged work is kept)')} onClick={() => void call('agent/stop', { agentId: item.agentId })} />}
        </span>
      </div>
      <div className="subagent-task" title={item.task} translate="no">
        {item.task}
      </div>
      {running && item.activity && (
        <div className="subagent-activity" translate="no">
          {item.activity}
        </div>
      )}
      {!running && item.finalMessage && (
        <div className="subagent-answer" translate="no">
          {item.finalMessage}
        </div>
      )}
      {item.error && (
        <div className="error-text" translate="no">
          {item.error}
        </div>
      )}
      {item.changes && item.changes.length > 0 && (
        <ul className="file-list subagent-changes" aria-label={l10n.t('Changes it made')}>
          {item.changes.map((c) => (
            <li key={c.path} className="file-row">
              <span className={`kind kind-${c.kind}`} title={kindLabel(c.kind)} aria-label={kindLabel(c.kind)} translate="no">
                {KIND_LETTER[c.kind]}
              </span>
              <span className="file-path" translate="no">
                {c.path}
              </span>
              <LineCounts added={c.added} removed={c.removed} />
            </li>
          ))}
        </ul>
      )}
      {item.conflicts?.map((c) => (
        <div key={c.path} className="error-text subagent-conflict">
          <Icon name="warning" /> {l10n.t('Conflict in {0}: {1}', c.path, c.detail)}
        </div>
      ))}
      <button type="button" className="link-button subagent-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        <Icon name={open ? 'chevron-down' : 'chevron-right'} className="twisty" />
        {open ? l10n.t('Hide its work') : l10n.t('Show its work')}
      </button>
      {open && <SubagentItems agentId={item.agentId} />}
    </div>
  );
});

const rows = new WeakMap<Item, Row>();
const rowOf = (item: Item): Row => {
  let row = rows.get(item);
  if (!row) rows.set(item, (row = { kind: 'item', item }));
  return row;
};

/** The subagent's own items: loaded once shown (and again after a snapshot), then live. */
function SubagentItems({ agentId }: { agentId: string }) {
  const { rpc, store } = useDeps();
  const list = useSelect((s) => s.agents[agentId]);
  const [failed, setFailed] = useState<string>();
  useEffect(() => {
    if (list) return;
    let cancelled = false;
    rpc.request('agent/items', { agentId }).then(
      (r) => !cancelled && store.dispatch({ type: 'agent/loaded', agentId, items: r.items }),
      (err) => !cancelled && setFailed(err instanceof Error ? err.message : String(err)),
    );
    return () => void (cancelled = true);
  }, [agentId, list, rpc, store]);
  if (failed) return <div className="error-text">{l10n.t('Its items could not be loaded: {0}', failed)}</div>;
  if (!list) {
    return (
      <div className="subagent-loading muted">
        <Spinner label={l10n.t('Loading…')} /> {l10n.t('Loading…')}
      </div>
    );
  }
  const shown = list.items.filter((i) => i.type !== 'user_message' || list.items.indexOf(i) > 0);
  return (
    <div className="subagent-items" role="log" aria-label={l10n.t('Items of subagent {0}', agentId)}>
      <InSubagent.Provider value={true}>
        <Virtuoso
          style={{ height: Math.min(360, 60 + shown.length * 48) }}
          data={shown}
          followOutput="auto"
          computeItemKey={(_, item) => item.id}
          itemContent={(i, item) => <RowView row={rowOf(item)} live={i === shown.length - 1 && !list.done.has(item.id)} lastIdle={false} />}
        />
      </InSubagent.Provider>
    </div>
  );
}
