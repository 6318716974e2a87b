// The webview's localization: its strings come from the host's l10n bundle
// (vscode.l10n.bundle), which the host writes into the page as a JSON data block
// (src/host/view/html.ts). Components call `l10n.t(<English text>, ...args)` from
// @vscode/l10n, the same call shape as `vscode.l10n.t` in the host, so one extractor
// (`npm run l10n`) finds every string of both. Contract: this module is the first import
// of main.tsx, so the bundle is loaded before any component module is evaluated; still,
// no component calls l10n.t at module level (labels are computed at render).
import * as l10n from '@vscode/l10n';
import { L10N_ELEMENT_ID } from '../src/protocol/page';

/** Loads the bundle from the page; English (an empty bundle) leaves the source strings. */
export function loadBundle(doc: Pick<Document, 'getElementById'> | undefined = typeof document === 'undefined' ? undefined : document): void {
  const text = doc?.getElementById(L10N_ELEMENT_ID)?.textContent;
  if (!text) return;
  try {
    const contents = JSON.parse(text) as Record<string, string>;
    if (Object.keys(contents).length > 0) l10n.config({ contents });
  } catch {
    // a broken bundle must not blank the view: English it is
  }
}

loadBundle();
