// The virtualised chat: only rows near the viewport are mounted, so old turns render
// lazily as they scroll into view and thousands of items stay smooth. While the reader
// is at the bottom the list follows new rows and the growth of a streaming row; a
// scroll upwards stops following until they return to the bottom ("Jump to latest").
// Long sessions arrive as their newest items only; older pages load at the top (olderItems.tsx).
import * as l10n from '@vscode/l10n';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Virtuoso, type VirtuosoHandle } from 'react-virtuoso';
import type { Item, PendingApproval, ReviewRunView } from '../../../src/protocol';
import { useDeps, useSelect } from '../../context';
import { visibleItems } from '../../state/visible';
import { chatReviews, reviewPlacement } from '../../state/reviews';
import { RowView, type Row } from './ItemView';
import { BASE_INDEX, OlderHeader, placeAnchor, useOlderItems, type Anchor } from './olderItems';

// Row wrappers keep their identity as long as their item does.
const itemRows = new WeakMap<Item, Row>();
const approvalRows = new WeakMap<PendingApproval, Row>();

function toRows(items: Item[], approvals: PendingApproval[], reviews: readonly ReviewRunView[] = []): Row[] {
  const rows: Row[] = new Array(items.length + approvals.length);
  items.forEach((item, i) => {
    let row = itemRows.get(item);
    if (!row) itemRows.set(item, (row = { kind: 'item', item }));
    rows[i] = row;
  });
  approvals.forEach((approval, i) => {
    let row = approvalRows.get(approval);
    if (!row) approvalRows.set(approval, (row = { kind: 'approval', approval }));
    rows[items.length + i] = row;
  });
  if (reviews.length === 0) return rows;
  // `/review` runs go after the item they followed (from the end, so indexes hold)
  const placed = reviewPlacement(items.map((i) => i.id), reviews).sort((a, b) => b.after - a.after);
  for (const { run, after } of placed) rows.splice(after + 1, 0, { kind: 'review', run });
  return rows;
}

/** Fired on window to bring the first pending approval into view and focus it. */
export const REVEAL_APPROVAL_EVENT = 'tandem:reveal-approval';

export function rowKey(row: Row): string {
  if (row.kind === 'item') return row.item.id;
  return row.kind === 'review' ? `review:${row.run.id}` : `approval:${row.approval.requestId}`;
}

export function MessageList() {
  const { ui } = useDeps();
  const allItems = useSelect((s) => s.items);
  const done = useSelect((s) => s.done);
  const approvals = useSelect((s) => s.approvals);
  const running = useSelect((s) => s.running);
  // finished empty messages (a retried request's closed partials) are not shown
  const items = useMemo(() => visibleItems(allItems, done, running), [allItems, done, running]);
  const sessionId = useSelect((s) => s.sessionId);
  const reviews = useSelect((s) => s.reviews);
  const inChat = useMemo(() => chatReviews(reviews, sessionId), [reviews, sessionId]);
  const rows = useMemo(() => toRows(items, approvals, inChat), [items, approvals, inChat]);
  const older = useSelect((s) => s.olderItems);
  const { state: olderState, loadOlder } = useOlderItems();
  // Virtuoso's indexes are absolute: prepended rows get indexes below the anchor's
  const anchor = useRef<Anchor>({ at: 0, epoch: 0 });
  const firstItemIndex = BASE_INDEX - placeAnchor(anchor.current, sessionId, rows, rowKey);
  const firstRef = useRef(firstItemIndex);
  firstRef.current = firstItemIndex;
  const listKey = `${sessionId ?? 'none'}:${anchor.current.epoch}`;

  const virtuoso = useRef<VirtuosoHandle>(null);
  const scroller = useRef<HTMLElement | null>(null);
  const follow = useRef(ui.get().scroll.atBottom);
  const lastTop = useRef(0);
  const [showJump, setShowJump] = useState(!follow.current);
  const saveTimer = useRef<ReturnType<typeof setTimeout>>();
  const rowsRef = useRef(rows);
  rowsRef.current = rows;

  // Restore the reader's place after a reload: the saved top row, else the bottom.
  const initialTop = useMemo(() => {
    const saved = ui.get().scroll;
    const at = !saved.atBottom && saved.topItemId ? rows.findIndex((r) => rowKey(r) === saved.topItemId) : -1;
    return at >= 0 ? at : { index: 'LAST' as const, align: 'end' as const };
    // computed once per session's list: later rows must not move the reader
  }, [listKey]);

  const setFollow = useCallback((on: boolean) => {
    follow.current = on;
    setShowJump(!on);
  }, []);

  const saveScroll = useCallback(
    (topIndex?: number) => {
      clearTimeout(saveTimer.current);
      saveTimer.current = setTimeout(() => {
        const top = topIndex !== undefined ? rowsRef.current[topIndex - firstRef.current] : undefined;
        ui.update({ scroll: { atBottom: follow.current, topItemId: top ? rowKey(top) : ui.get().scroll.topItemId } });
      }, 250);
    },
    [ui],
  );
  useEffect(() => () => clearTimeout(saveTimer.current), []);

  useEffect(() => {
    const reveal = () => {
      const first = rowsRef.current.findIndex((r) => r.kind === 'approval');
      if (first === -1) return;
      virtuoso.current?.scrollToIndex({ index: first, align: 'center' });
      // the row mounts after the scroll: focus on the next frames
      const focus = (tries: number) =>
        requestAnimationFrame(() => {
          const button = scroller.current?.querySelector<HTMLElement>('[data-approval] vscode-button');
          if (button) button.focus();
          else if (tries > 0) focus(tries - 1);
        });
      focus(10);
    };
    window.addEventListener(REVEAL_APPROVAL_EVENT, reveal);
    return () => window.removeEventListener(REVEAL_APPROVAL_EVENT, reveal);
  }, []);

  // Sending a message means the reader wants the new turn: follow it even if they had
  // scrolled up (the list would otherwise keep showing older rows). Only a user message
  // that is new since this list mounted counts, not the newest one of an opened session.
  const lastUser = useMemo(() => {
    for (let i = items.length - 1; i >= 0; i--) if (items[i].type === 'user_message') return items[i].id;
    return undefined;
  }, [items]);
  const seenUser = useRef({ sessionId, id: lastUser });
  useEffect(() => {
    const seen = seenUser.current;
    if (lastUser === seen.id && sessionId === seen.sessionId) return;
    seenUser.current = { sessionId, id: lastUser };
    // another session (opened, or the first snapshot after a reload) keeps its own place
    if (sessionId !== seen.sessionId || lastUser === undefined || follow.current) return;
    setFollow(true);
    virtuoso.current?.scrollToIndex({ index: 'LAST', align: 'end' });
  }, [sessionId, lastUser, setFollow]);

  const onScroll = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    const distance = el.scrollHeight - el.scrollTop - el.clientHeight;
    if (distance < 40) {
      if (!follow.current) setFollow(true);
    } else if (el.scrollTop < lastTop.current - 2 && follow.current) {
      setFollow(false); // the reader scrolled up: stop following
    }
    lastTop.current = el.scrollTop;
  }, [setFollow]);

  const stickToBottom = useCallback(() => {
    const el = scroller.current;
    if (el && follow.current) el.scrollTop = el.scrollHeight;
  }, []);

  // the newest item's row (review rows may sit among the items)
  let lastItemRow = rows.length - 1;
  while (lastItemRow >= 0 && rows[lastItemRow].kind !== 'item') lastItemRow--;
  const lastItemIndex = firstItemIndex + lastItemRow;
  return (
    <div className="list-wrap">
      <Virtuoso
        key={listKey}
        ref={virtuoso}
        className="list"
        data={rows}
        firstItemIndex={firstItemIndex}
        startReached={loadOlder}
        context={{ older, state: olderState, loadOlder }}
        role="log"
        aria-label={l10n.t('Conversation')}
        computeItemKey={(_, row) => rowKey(row)}
        initialTopMostItemIndex={initialTop}
        increaseViewportBy={{ top: 600, bottom: 300 }}
        followOutput={() => (follow.current ? 'auto' : false)}
        totalListHeightChanged={stickToBottom}
        scrollerRef={(el) => {
          scroller.current?.removeEventListener('scroll', onScroll);
          scroller.current = el instanceof HTMLElement ? el : null;
          scroller.current?.addEventListener('scroll', onScroll, { passive: true });
        }}
        rangeChanged={(range) => saveScroll(range.startIndex)}
        itemContent={(index, row) => (
          <RowView row={row} live={running && index === lastItemIndex} lastIdle={!running && index === lastItemIndex} />
        )}
        components={{ Header: OlderHeader, Footer: ListFooter }}
      />
      {showJump && (
        <button
          type="button"
          className="jump"
          title={l10n.t('Jump to latest')}
          onClick={() => {
            setFollow(true);
            virtuoso.current?.scrollToIndex({ index: 'LAST', align: 'end' });
            saveScroll();
          }}
        >
          <span className="codicon codicon-arrow-down" aria-hidden="true" />
          {l10n.t('Jump to latest')}
        </button>
      )}
    </div>
  );
}

function ListFooter() {
  return <div className="list-footer" />;
}
