// The Tandem webview as a test sees it: a nested frame of the workbench (the outer
// iframe is VS Code's webview host for extension tandem-dev.tandem, the inner
// `active-frame` holds our document). Helpers address controls by accessible name, the
// documented stable ones being the composer textbox "Message Tandem", "Send" and "Stop".
import type { Frame, Locator, Page } from 'playwright-core';

export const EXTENSION_ID = 'tandem-dev.tandem';

function isTandemContentFrame(f: Frame): boolean {
  const parent = f.parentFrame();
  // the webview host iframe carries the owning extension in its query string
  return !!parent && parent.url().includes(`extensionId=${EXTENSION_ID}`) && !f.url().includes('extensionId=');
}

export class Webview {
  private constructor(readonly page: Page, readonly frame: Frame) {}

  /** Finds the Tandem webview's content frame (waits until it has rendered something). */
  static async find(page: Page, timeoutMs = 30_000): Promise<Webview> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const f of page.frames()) {
        if (f.isDetached() || !isTandemContentFrame(f)) continue;
        // rendered = the React root has content (either the chat or the setup screen)
        const ready = await f
          .locator('body')
          .evaluate((b) => (b as HTMLElement).innerText.trim().length > 0 || b.querySelector('textarea,input,button') !== null)
          .catch(() => false);
        if (ready) return new Webview(page, f);
      }
      if (Date.now() > deadline) {
        const urls = page.frames().map((f) => `  ${f.url().slice(0, 160)}`).join('\n');
        throw new Error(`Tandem webview frame not found within ${timeoutMs} ms; frames:\n${urls}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** The whole visible text of the webview (for assertions and failure reports). */
  async text(): Promise<string> {
    return this.frame.locator('body').innerText();
  }

  get composer(): Locator {
    return this.frame.getByRole('textbox', { name: 'Message Tandem' });
  }

  button(name: string | RegExp): Locator {
    return this.frame.getByRole('button', { name, exact: typeof name === 'string' ? true : undefined });
  }

  /** Agent messages ("Tandem said" articles), oldest first. */
  get agentMessages(): Locator {
    return this.frame.getByRole('article', { name: 'Tandem said' });
  }

  /** User messages ("You said" articles), oldest first. */
  get userMessages(): Locator {
    return this.frame.getByRole('article', { name: 'You said' });
  }

  /** Text of the newest agent message ('' when there is none). */
  async lastAgentText(): Promise<string> {
    const n = await this.agentMessages.count();
    return n === 0 ? '' : this.agentMessages.nth(n - 1).innerText();
  }

  /** Types into the composer and presses Send. */
  async send(text: string): Promise<void> {
    await this.composer.waitFor({ state: 'visible', timeout: 30_000 });
    await this.composer.fill(text);
    await this.button('Send').click();
  }

  /** Waits until the webview's text contains `needle` (string or RegExp). */
  async waitForText(needle: string | RegExp, timeoutMs = 30_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    for (;;) {
      last = await this.text().catch(() => last);
      if (typeof needle === 'string' ? last.includes(needle) : needle.test(last)) return last;
      if (Date.now() > deadline) {
        throw new Error(`webview never showed ${String(needle)} within ${timeoutMs} ms; it shows:\n${last.slice(-3000)}`);
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  }

  /** Waits until a turn is no longer running: the Stop button is gone and Send is back. */
  async waitForIdle(timeoutMs = 60_000): Promise<void> {
    await this.button('Stop').waitFor({ state: 'hidden', timeout: timeoutMs });
    await this.button('Send').waitFor({ state: 'visible', timeout: timeoutMs });
  }
}
