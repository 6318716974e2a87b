// State of the `@` mention popup: which mention the caret is in, the host's ranked
// matches for it (debounced `files/search`, stale answers dropped) and the active option.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useCall } from '../../context';
import type { FileMatch } from '../../../src/protocol';
import { activeMention, type ActiveMention } from './mentions';

export interface Mentions {
  mention?: ActiveMention;
  matches: FileMatch[];
  active: number;
  loading: boolean;
  /** Re-reads the mention at the caret after any edit or caret move. */
  update(text: string, caret: number): void;
  move(delta: number): void;
  setActive(i: number): void;
  close(): void;
}

export function useMentions(): Mentions {
  const call = useCall();
  const [mention, setMention] = useState<ActiveMention>();
  const [matches, setMatches] = useState<FileMatch[]>([]);
  const [active, setActive] = useState(0);
  const [loading, setLoading] = useState(false);
  const current = useRef<ActiveMention>();
  const dismissedAt = useRef<number>(-1);
  const seq = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout>>();

  const search = useCallback(
    (query: string) => {
      const mine = ++seq.current;
      clearTimeout(timer.current);
      setLoading(true);
      timer.current = setTimeout(async () => {
        const res = await call('files/search', { query });
        if (mine !== seq.current) return; // the user typed on: a newer search is coming
        setMatches(res?.files ?? []);
        setActive(0);
        setLoading(false);
      }, 80);
    },
    [call],
  );
  useEffect(() => () => clearTimeout(timer.current), []);

  const update = useCallback(
    (text: string, caret: number) => {
      const m = activeMention(text, caret);
      if (!m || m.start === dismissedAt.current) {
        if (!m) dismissedAt.current = -1;
        current.current = undefined;
        setMention(undefined);
        seq.current++;
        return;
      }
      const prev = current.current;
      if (!prev || prev.query !== m.query || prev.start !== m.start) search(m.query);
      current.current = m;
      setMention(m);
    },
    [search],
  );

  const close = useCallback(() => {
    if (mention) dismissedAt.current = mention.start; // Escape: stay closed for this mention
    current.current = undefined;
    setMention(undefined);
    seq.current++;
  }, [mention]);

  const move = useCallback(
    (delta: number) => setActive((i) => (matches.length === 0 ? 0 : (i + delta + matches.length) % matches.length)),
    [matches.length],
  );

  return { mention, matches, active, loading, update, move, setActive, close };
}
