// Small helpers for driving VS Code's editor in e2e tests (review and inline fix):
// the command palette, quick open, CodeLens, notifications. Additive to the harness.
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { waitUntil } from './harness';

/**
 * Runs a command by its palette title ("Tandem: Apply All Pending Changes"). Retries like
 * openFile: a webview that is still loading can take the focus and close the palette.
 */
export async function runCommand(page: Page, title: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input[type="text"]');
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill(`>${title}`, { timeout: 10_000 });
      const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
      await row.waitFor({ state: 'visible', timeout: 10_000 });
      await row.click({ timeout: 10_000 });
      return;
    } catch (err) {
      if (attempt >= 3) throw err;
      await page.keyboard.press('Escape');
    }
  }
}

/**
 * Opens a workspace file through Quick Open and waits for its editor tab. Retries: the
 * widget can lose focus to a loading webview and close under the test.
 */
export async function openFile(page: Page, relPath: string): Promise<void> {
  const name = path.posix.basename(relPath);
  const tab = page.locator(`.tabs-container .tab.active[data-resource-name="${name}"]`);
  for (let attempt = 1; ; attempt++) {
    try {
      await page.keyboard.press('Control+P');
      const input = page.locator('.quick-input-widget input[type="text"]');
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill(relPath);
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first().waitFor({ state: 'visible', timeout: 10_000 });
      await page.keyboard.press('Enter');
      await tab.waitFor({ state: 'visible', timeout: 10_000 });
      return;
    } catch (err) {
      if (attempt >= 3) throw err;
      await page.keyboard.press('Escape');
    }
  }
}

/** The visible text of the active editor's lines (including injected ghost text). */
export async function activeEditorText(page: Page): Promise<string> {
  return page.locator('.editor-group-container.active .monaco-editor .view-lines').first().innerText();
}

/**
 * Ghost text of the active editor: decoration `before`/`after` content, which VS Code
 * renders as CSS ::before/::after content (so it is not in innerText).
 */
export async function ghostTexts(page: Page): Promise<string[]> {
  return page
    .locator('.editor-group-container.active .monaco-editor .view-lines')
    .first()
    .evaluate((root) => {
      const out: string[] = [];
      for (const el of Array.from(root.querySelectorAll('span'))) {
        for (const pseudo of ['::before', '::after']) {
          const c = getComputedStyle(el, pseudo).content;
          if (c && c !== 'none' && c !== 'normal' && c !== '""') out.push(c.replace(/^"|"$/g, '').replace(/\\"/g, '"'));
        }
      }
      return out;
    });
}

/** CodeLens links of the active editor with this label (e.g. "Accept"), top to bottom. */
export function codeLens(page: Page, label: string) {
  return page.locator('.editor-group-container.active .monaco-editor .codelens-decoration a', { hasText: label });
}

/** Texts of the visible notification toasts. */
export async function notifications(page: Page): Promise<string[]> {
  return page.locator('.notifications-toasts .notification-list-item-message').allInnerTexts().catch(() => []);
}

export function readText(workspace: string, rel: string): string {
  return readFileSync(path.join(workspace, rel), 'utf8');
}

/** Waits until the file on disk holds exactly `expected`. */
export async function waitForDisk(workspace: string, rel: string, expected: string, what: string, timeoutMs = 30_000): Promise<void> {
  await waitUntil(what, async () => readText(workspace, rel) === expected, timeoutMs).catch((err) => {
    throw new Error(`${(err as Error).message}\n--- ${rel} on disk:\n${readText(workspace, rel)}\n--- expected:\n${expected}`);
  });
}

/** A patch for the apply_patch tool (the Codex patch format). */
export function updatePatch(file: string, chunks: { context: string[]; remove: string[]; add: string[] }[]): string {
  const body = chunks.flatMap((c) => ['@@', ...c.context.map((l) => ` ${l}`), ...c.remove.map((l) => `-${l}`), ...c.add.map((l) => `+${l}`)]);
  return ['*** Begin Patch', `*** Update File: ${file}`, ...body, '*** End Patch'].join('\n');
}

/**
 * Every entry under `root` (workspace-relative POSIX path -> its bytes; a directory maps
 * to the marker 'dir', a symlink to 'link -> target'), for byte-exact before/after checks.
 */
export function snapshotTree(root: string): Map<string, Buffer | string> {
  const out = new Map<string, Buffer | string>();
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(root, rel)).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      const st = lstatSync(path.join(root, r));
      if (st.isSymbolicLink()) out.set(r, `link -> ${readlinkSync(path.join(root, r))}`);
      else if (st.isDirectory()) {
        out.set(r, 'dir');
        walk(r);
      } else out.set(r, readFileSync(path.join(root, r)));
    }
  };
  walk('');
  return out;
}

/** Fails, naming each added, removed or changed entry, unless the two snapshots are identical. */
export function assertSameTree(before: Map<string, Buffer | string>, after: Map<string, Buffer | string>, when: string): void {
  const diffs: string[] = [];
  for (const [p, v] of before) {
    if (!after.has(p)) diffs.push(`removed: ${p}`);
    else {
      const w = after.get(p)!;
      const same = Buffer.isBuffer(v) && Buffer.isBuffer(w) ? v.equals(w) : v === w;
      if (!same) diffs.push(`changed: ${p}${Buffer.isBuffer(w) ? `\n--- now:\n${w.toString('utf8').slice(0, 2000)}` : ` (now ${String(w)})`}`);
    }
  }
  for (const p of after.keys()) if (!before.has(p)) diffs.push(`added: ${p}`);
  if (diffs.length) throw new Error(`the workspace is not byte-identical ${when}:\n${diffs.join('\n')}`);
}
