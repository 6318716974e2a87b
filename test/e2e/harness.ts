// The e2e harness: `withTandem(t, options, body)` gives a test a real VS Code (code-server)
// with the packaged Tandem installed, a sample workspace open in Debian's Chromium, and
// the Tandem view's webview frame. Teardown always runs (browser, then code-server). On
// failure it prints what the webview shows, the tail of the extension host logs, keeps a
// screenshot in test-results/e2e/<test>-FAILED.png and keeps the temp dir for inspection.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { chromium, type Browser, type Frame, type Locator, type Page } from 'playwright-core';
import { extensionHostLogTail, removeDir, startCodeServer, type CodeServer, type CodeServerOptions } from './codeServer';
import { connectFakeServer, type FakeServer } from './fakeServer';
import type { Rule, RuleSet } from '../fakes/fakeModelServer';
import { chromiumPath, resultsDir } from './paths';
import { Webview } from './webview';

export { type FakeServer } from './fakeServer';
export { Webview } from './webview';

export interface TandemOptions {
  /** Settings merged over the defaults (the fake server as a custom OpenAI-compatible provider). */
  settings?: Record<string, unknown>;
  /** Fake-server rules set before the workbench opens (default: every reply is "Done."). */
  rules?: RuleSet | Rule[];
  /** Open the Tandem view after the workbench loads (default true). */
  openView?: boolean;
  /** Extra code-server arguments and a hook before it starts (see CodeServerOptions). */
  args?: CodeServerOptions['args'];
  prepare?: CodeServerOptions['prepare'];
  /** The activity-bar title of Tandem's view container (localized; default 'Tandem'). */
  viewTitle?: string;
}

export interface TandemSession {
  readonly page: Page;
  readonly browser: Browser;
  readonly server: CodeServer;
  readonly fake: FakeServer;
  /** The Tandem webview (re-found after reloads). */
  webview(): Promise<Webview>;
  /** Reloads the window (page.reload), waits for the workbench and reopens the view. */
  reload(): Promise<void>;
  /** Saves test-results/e2e/<test>[-suffix].png and returns its path. */
  screenshot(suffix?: string): Promise<string>;
  /** Clicks one of the Tandem view's title-bar actions by its title ("New Chat", "Open History", "Settings"). */
  titleAction(title: string): Promise<void>;
}

/**
 * Default Tandem settings (ids from src/host/config/settings.ts): provider 'custom' at the
 * fake server, which needs no key because the server answers GET /models.
 */
export function tandemSettings(fakeUrl: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    'tandem.provider': 'custom',
    'tandem.baseUrl': fakeUrl,
    'tandem.model': 'fake-model',
    'tandem.approvalPolicy': 'on-request',
    ...extra,
  };
}

export function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80) || 'test';
}

const WORKBENCH_TIMEOUT = 60_000;

async function waitForWorkbench(page: Page): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: WORKBENCH_TIMEOUT });
  // the activity bar is populated once extensions' contributions are registered
  await page.locator('.part.activitybar').waitFor({ state: 'visible', timeout: WORKBENCH_TIMEOUT });
}

/**
 * Clicks the Tandem activity-bar item (by aria-label) until its view container is the
 * open one. Clicking the open container's item closes the side bar, and after a reload
 * the workbench restores the last container a moment after the item appears, so this
 * checks, clicks, and re-checks until the item stays selected.
 */
/** Opens the Tandem view from the activity bar (retries: the first clicks can be lost while the workbench settles). */
export async function openTandemView(page: Page, title = 'Tandem'): Promise<void> {
  // VS Code 1.100 puts the aria-label ("Tandem (Ctrl+…)") on the tab's inner action label
  const item = page.locator(`.part.activitybar li[role="tab"]:has(> .action-label[aria-label^="${title}"])`).first();
  await item.waitFor({ state: 'visible', timeout: WORKBENCH_TIMEOUT });
  const selected = async () => /\bchecked\b/.test((await item.getAttribute('class')) ?? '');
  for (let attempt = 0; attempt < 10; attempt++) {
    if (!(await selected())) await item.click();
    await page.waitForTimeout(700);
    if (await selected()) {
      // move off the item so its hover tooltip does not sit in the screenshots
      await page.mouse.move(900, 500);
      return;
    }
  }
  throw new Error('the Tandem activity-bar item never stayed selected');
}

export async function withTandem(
  t: TestContext,
  options: TandemOptions,
  body: (s: TandemSession) => Promise<void>,
): Promise<void> {
  const name = slug(t.name);
  mkdirSync(resultsDir, { recursive: true });
  const fake = await connectFakeServer();
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  let current: Webview | undefined;
  let failed = false;
  try {
    // the suite shares one fake server: each test starts from its own rules and no requests
    await fake.setRules(options.rules ?? []);
    await fake.clearRequests();
    server = await startCodeServer({ settings: tandemSettings(fake.url, options.settings), label: name, args: options.args, prepare: options.prepare });
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
    });
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    page = await context.newPage();
    const p = page;
    await p.goto(`${server.url}/?folder=${encodeURIComponent(server.workspace)}`);
    await waitForWorkbench(p);
    if (options.openView !== false) await openTandemView(p, options.viewTitle);

    const session: TandemSession = {
      page: p,
      browser,
      server,
      fake,
      async webview() {
        if (current && !current.frame.isDetached()) return current;
        current = await Webview.find(p);
        return current;
      },
      async reload() {
        current = undefined;
        await p.reload();
        await waitForWorkbench(p);
        await openTandemView(p, options.viewTitle);
      },
      async screenshot(suffix) {
        const file = path.join(resultsDir, `${name}${suffix ? `-${suffix}` : ''}.png`);
        await p.screenshot({ path: file });
        return file;
      },
      async titleAction(title) {
        // a view's actions sit in the side bar's title, or in its pane header when the
        // container holds several views (shown on hover); the label may end with a keybinding
        const action = p.locator(`.part.sidebar .action-label[aria-label^="${title}"]`).first();
        await action.waitFor({ state: 'attached', timeout: 30_000 });
        if (!(await action.isVisible())) {
          await action.locator('xpath=ancestor::*[contains(concat(" ", @class, " "), " pane-header ")][1]').hover({ timeout: 5_000 }).catch(() => undefined);
        }
        await action.click();
      },
    };
    await body(session);
    // every test leaves a picture of its final state
    await session.screenshot();
  } catch (err) {
    failed = true;
    await diagnose(name, page, current, server);
    throw err;
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    await fake.close().catch(() => undefined);
    if (server && !failed) await removeDir(server.root).catch(() => undefined);
    else if (server) console.log(`[e2e] kept ${server.root} for inspection`);
  }
}

/** Prints everything useful about a failed test; never throws. */
async function diagnose(name: string, page: Page | undefined, view: Webview | undefined, server: CodeServer | undefined) {
  const lines: string[] = [`\n===== e2e failure diagnostics: ${name} =====`];
  if (page) {
    const file = path.join(resultsDir, `${name}-FAILED.png`);
    await page
      .screenshot({ path: file })
      .then(() => lines.push(`screenshot: ${file}`))
      .catch((e) => lines.push(`screenshot failed: ${e}`));
    let text: string | undefined;
    try {
      const v = view && !view.frame.isDetached() ? view : await Webview.find(page, 3000);
      text = await v.text();
    } catch (e) {
      text = `(no Tandem webview frame found: ${(e as Error).message.split('\n')[0]})`;
    }
    lines.push('--- webview text:', text ?? '');
    const notifications = await page
      .locator('.notifications-toasts .notification-list-item-message')
      .allInnerTexts()
      .catch(() => []);
    if (notifications.length) lines.push('--- VS Code notifications:', ...notifications);
  }
  if (server) {
    lines.push('--- extension host logs:', extensionHostLogTail(server.userDataDir));
    lines.push('--- code-server output (tail):', server.output().split('\n').slice(-20).join('\n'));
  }
  lines.push(`===== end diagnostics: ${name} =====\n`);
  console.log(lines.join('\n'));
}

/** Polls `check` until it returns a truthy value; fails with `what` and the last state. */
export async function waitUntil<T>(
  what: string,
  check: () => Promise<T>,
  timeoutMs = 30_000,
  intervalMs = 150,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v as NonNullable<T>;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${lastError}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export type { Frame, Locator, Page };
