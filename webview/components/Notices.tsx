// Transient messages (failed requests, results of Apply all, …) in a polite live
// region; errors stay until dismissed, information fades after a few seconds.
import * as l10n from '@vscode/l10n';
import { useEffect } from 'react';
import { Icon } from './ui/Icon';
import { IconButton } from './ui/IconButton';
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
          <Icon name={n.kind === 'error' ? 'error' : 'info'} className="banner-icon" />
          <span className="banner-text">{n.message}</span>
          <IconButton icon="close" label={l10n.t('Dismiss notice')} onClick={() => store.dispatch({ type: 'notice/dismiss', id: n.id })} />
        </div>
      ))}
    </div>
  );
}
