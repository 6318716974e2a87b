// Small display helpers shared by the components (pure, so tests can pin them down).
import * as l10n from '@vscode/l10n';
import type { Attachment } from '../src/protocol';

export function formatDuration(ms: number): string {
  if (ms < 1000) return l10n.t('{0} ms', Math.round(ms));
  const s = ms / 1000;
  if (s < 60) return l10n.t('{0} s', s.toFixed(s < 10 ? 1 : 0));
  const m = Math.floor(s / 60);
  return l10n.t('{0} min {1} s', m, Math.round(s - m * 60));
}

export function formatTokens(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 10_000 ? 1 : 0)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
}

export function formatDate(ms: number, now = Date.now()): string {
  const d = new Date(ms);
  const sameDay = new Date(now).toDateString() === d.toDateString();
  return sameDay
    ? d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
    : d.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

export function attachmentLabel(a: Attachment): string {
  switch (a.type) {
    case 'file':
      return a.range ? `${a.path}:${a.range.startLine}-${a.range.endLine}` : a.path;
    case 'selection':
      return `${baseName(a.path)}:${a.startLine}-${a.endLine}`;
    case 'diagnostics':
      return l10n.t('Problems');
    case 'image':
      return a.name ? baseName(a.name) : l10n.t('Image {0}×{1}', a.width, a.height);
    case 'skill':
      return `$${a.name}`;
  }
}

export function attachmentKey(a: Attachment): string {
  if (a.type === 'image') return `image:${a.hash}`;
  return a.type === 'diagnostics' ? 'diagnostics' : `${a.type}:${attachmentLabel(a)}`;
}

export function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}
