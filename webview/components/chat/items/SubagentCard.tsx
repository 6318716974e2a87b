// A subagent's card (a `subagent` item): its task, type and state, the latest activity
// line while it works, tokens and elapsed time, a Stop button; when it has finished, its
// answer, its changes (merged into the session's Changes) and any conflicts. Expanding
// the card shows the subagent's own items with the chat's own row views, in a
// virtualised list of their own, streaming as they arrive.
import { memo, useEffect, useState } from 'react';
import { Virtuoso } from 'react-virtuoso';
import type { Item } from '../../../../src/protocol';
import { useCall, useDeps, useSelect } from '../../../context';
import { formatTokens } from '../../../format';
import { RowView, type Row } from '../ItemView';
import { LineCounts } from './Cards';
import { InSubagent } from './subagentScope';

type SubagentItem = Extract<Item, { type: 'subagent' }>;

const STATE_LABEL: Record<SubagentItem['state'], string> = {
  running: 'running',
  waiting_approval: 'waiting for approval',
  completed: 'finished',
  failed: 'failed',
  closed: 'closed',
};

const live = (item: SubagentItem) => item.status === 'in_progress' && (item.state === 'running' || item.state === 'waiting_approval');

function elapsed(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m ${s % 60}s`;
}

/** Seconds since `since`, ticking once a second while `on`. */
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
  const label = `${item.agentType} ${item.agentId}`;
  return (
    <div className={`card subagent subagent-${item.state}`} role="group" aria-label={`Subagent ${label}: ${STATE_LABEL[item.state]}`} data-agent-id={item.agentId}>
      <div className="card-head">
        <span className="card-title">
          <span className={`subagent-type subagent-type-${item.agentType}`}>{item.agentType}</span> <span className="subagent-id">{item.agentId}</span>
        </span>
        <span className="subagent-state" aria-live="polite">
          {running && <span className="spinner" role="img" aria-label="working" />} {STATE_LABEL[item.state]}
        </span>
        <span className="subagent-meta" title={`${item.usage.inputTokens} input, ${item.usage.outputTokens} output tokens`}>
          {formatTokens(tokens)} tokens · {elapsed(took)}
        </span>
        {running && (
          <button type="button" className="btn btn-ghost btn-small" aria-label={`Stop subagent ${item.agentId}`} onClick={() => void call('agent/stop', { agentId: item.agentId })}>
            Stop
          </button>
        )}
      </div>
      <div className="subagent-task" title={item.task}>
        {item.task}
      </div>
      {running && item.activity && <div className="subagent-activity">{item.activity}</div>}
      {!running && item.finalMessage && <div className="subagent-answer">{item.finalMessage}</div>}
      {item.error && <div className="error-text">{item.error}</div>}
      {item.changes && item.changes.length > 0 && (
        <ul className="file-list subagent-changes" aria-label="Changes it made">
          {item.changes.map((c) => (
            <li key={c.path} className="file-row">
              <span className="file-path">{c.path}</span> <LineCounts added={c.added} removed={c.removed} />
            </li>
          ))}
        </ul>
      )}
      {item.conflicts?.map((c) => (
        <div key={c.path} className="error-text subagent-conflict">
          Conflict in {c.path}: {c.detail}
        </div>
      ))}
      <button type="button" className="link-button subagent-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? 'Hide its work' : 'Show its work'}
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
  if (failed) return <div className="error-text">Its items could not be loaded: {failed}</div>;
  if (!list) return <div className="subagent-loading">Loading…</div>;
  const shown = list.items.filter((i) => i.type !== 'user_message' || list.items.indexOf(i) > 0);
  return (
    <div className="subagent-items" role="log" aria-label={`Items of subagent ${agentId}`}>
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
