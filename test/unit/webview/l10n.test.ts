// The webview in German: the bundle the host writes into the page is loaded before any
// component renders, and the components' strings come from it. (Own file: @vscode/l10n
// holds one bundle per process.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createElement as h } from 'react';
import { renderToString } from 'react-dom/server';
import { loadBundle } from '../../../webview/l10n';
import { L10N_ELEMENT_ID } from '../../../src/protocol';
import { App } from '../../../webview/components/App';
import { config, fakeDeps, snapshot } from './fixtures';

const de = readFileSync(path.resolve(__dirname, '../../../l10n/bundle.l10n.de.json'), 'utf8');

test('the German bundle from the page localizes the chat', () => {
  const page = { getElementById: (id: string) => (id === L10N_ELEMENT_ID ? ({ textContent: de } as HTMLElement) : null) };
  loadBundle(page);
  const { deps } = fakeDeps();
  deps.store.dispatch({ type: 'state/snapshot', params: snapshot([], { config, title: undefined }) });
  const out = renderToString(h(App, { deps }));
  assert.match(out, /<h1 class="header-title" title="Neuer Chat">Neuer Chat<\/h1>/);
  assert.match(out, /aria-label="Nachricht an Tandem"/);
  assert.match(out, /aria-label="Senden"/);
  assert.match(out, /Bitten Sie Tandem, etwas zu erklären/);
});

test('a broken or empty bundle leaves English (and never throws)', () => {
  assert.doesNotThrow(() => loadBundle({ getElementById: () => ({ textContent: '{not json' }) as HTMLElement }));
  assert.doesNotThrow(() => loadBundle(undefined));
});
