// Paging older items in: the snapshot carries only a session's newest items (the host
// counts the rest in `olderItems`); when the reader reaches the top of the list, the
// next page is asked for with session/items and prepended (webview/state/older.ts).
// Virtuoso keeps the reader's place through a prepend when `firstItemIndex` drops by the
// number of rows added, so the list counts rows added above an anchor row (the first
// item row it showed): firstItemIndex = BASE_INDEX - rows above the anchor.
import * as l10n from '@vscode/l10n';
import { useCallback, useRef, useState } from 'react';
import type { ChatState } from '../../state/reducer';
import { useCall, useDeps } from '../../context';
import type { Row } from './ItemView';

/** Items per page: a few screens of rows, a few hundred KB at most for command-heavy turns. */
export const OLDER_PAGE = 150;
/** Virtuoso's absolute index of the anchor row; large enough for any number of prepends. */
export const BASE_INDEX = 1_000_000_000;

export type OlderState = 'idle' | 'loading' | 'failed';

/** Asks for the page before the oldest held item; one request at a time. */
export function useOlderItems(): { state: OlderState; loadOlder: () => void } {
  const { store } = useDeps();
  const call = useCall();
  const inFlight = useRef(false);
  const [state, setState] = useState<OlderState>('idle');
  const loadOlder = useCallback(() => {
    const s: ChatState = store.getState();
    const first = s.items[0];
    if (inFlight.current || s.olderItems <= 0 || !s.sessionId || !first) return;
    inFlight.current = true;
    setState('loading');
    const { sessionId } = s;
    void call('session/items', { sessionId, before: first.id, limit: OLDER_PAGE }).then((page) => {
      inFlight.current = false;
      if (!page) return setState('failed'); // useCall showed the error
      store.dispatch({ type: 'items/older', sessionId, before: first.id, items: page.items, olderItems: page.olderItems });
      setState('idle');
    });
  }, [store, call]);
  return { state, loadOlder };
}

export interface Anchor {
  session?: string;
  key?: string;
  at: number;
  /** Bumped when the list was replaced (not prepended to): the list remounts. */
  epoch: number;
}

/**
 * Where the anchor row is now. Rows are only ever prepended to (older pages) or appended
 * to (new items, approvals), so the anchor moves down or stays; when it is gone or moved
 * up, a snapshot replaced the list: re-anchor on its first item row and bump the epoch.
 */
export function placeAnchor(anchor: Anchor, sessionId: string | undefined, rows: Row[], keyOf: (r: Row) => string): number {
  if (anchor.session !== sessionId) {
    anchor.session = sessionId;
    anchor.key = undefined;
    anchor.at = 0;
  }
  let at = -1;
  if (anchor.key !== undefined) {
    const cached = rows[anchor.at];
    at = cached && keyOf(cached) === anchor.key ? anchor.at : rows.findIndex((r) => keyOf(r) === anchor.key);
  }
  if (at < 0 || at < anchor.at) {
    if (anchor.key !== undefined) anchor.epoch++;
    const first = rows.find((r) => r.kind === 'item');
    anchor.key = first ? keyOf(first) : undefined;
    at = first ? rows.indexOf(first) : 0;
  }
  anchor.at = at;
  return at;
}

export function OlderHeader({ context }: { context?: { older: number; state: OlderState; loadOlder: () => void } }) {
  if (!context || context.older <= 0) return <div className="list-header" />;
  return (
    <div className="list-header older" role="status">
      {context.state === 'failed' ? (
        <button type="button" className="link-button" onClick={context.loadOlder}>
          {l10n.t('Load earlier messages')}
        </button>
      ) : (
        l10n.t('Loading earlier messages…')
      )}
    </div>
  );
}
