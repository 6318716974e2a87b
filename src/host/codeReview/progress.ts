// What a running review is doing, in a few words, from its sessions' events (the
// reviewer's read_file / list_dir / search calls, the verifier). vscode-free, pure.
import * as l10n from '@vscode/l10n';
import type { SessionEvent } from '../../core/index';

const clip = (s: string, max = 60) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

function args(text: string): Record<string, unknown> {
  try {
    const v = JSON.parse(text);
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** A line for the event, or undefined when it says nothing new (deltas, usage, ends). */
export function reviewProgress(event: SessionEvent): string | undefined {
  if (event.type !== 'item/started' || event.item.type !== 'tool_call') return undefined;
  const a = args(event.item.arguments);
  const str = (k: string) => (typeof a[k] === 'string' ? clip(a[k] as string) : undefined);
  switch (event.item.name) {
    case 'read_file': {
      const path = str('path');
      return path ? l10n.t('Reading {0}', path) : l10n.t('Reading a file');
    }
    case 'list_dir': {
      const path = str('path');
      return path ? l10n.t('Listing {0}', path) : l10n.t('Listing the workspace');
    }
    case 'search':
      return l10n.t('Searching for {0}', JSON.stringify(str('pattern') ?? ''));
    case 'submit_review':
      return l10n.t('Writing up the findings');
    case 'submit_verification':
      return l10n.t('Checking the findings against the code');
    default:
      return undefined;
  }
}
