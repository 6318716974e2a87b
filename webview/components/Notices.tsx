// Transient messages (failed requests, results of Apply all, …) in a polite live
// region; errors stay until dismissed, information fades after a few seconds.
import { useEffect } from 'react';
import { useDeps, useSelect } from '../context';

export function Notices() {
  const { store } = useDeps();
  const notices = useSelect((s) => s.notices);

  useEffect(() => {
    const timers = notices
      .filter((n) => n.kind === 'info')
      .map((n) => setTimeout(() => store.dispatch({ type: 'notice/dismiss', id: n.id }), 6000));
    return () => timers.forEach(clearTimeout);
  }, [notices, store]);

  return (
    <div className="notices" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`banner banner-${n.kind}`}>
          <span className="banner-text">{n.message}</span>
          <button
            type="button"
            className="btn btn-icon"
            aria-label="Dismiss notice"
            onClick={() => store.dispatch({ type: 'notice/dismiss', id: n.id })}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
