// The MCP view (a native tree in the Tandem view container) as a test sees it: the pane
// "MCP Servers" and its rows, addressed by their accessible labels (name and description).
import type { Locator, Page } from 'playwright-core';
import { repoRoot } from './paths';
import path from 'node:path';

/** The real server-everything from node_modules, as a user would configure it. */
export const EVERYTHING_SERVER = {
  command: process.execPath,
  args: [path.join(repoRoot, 'node_modules/@modelcontextprotocol/server-everything/dist/index.js'), 'stdio'],
};

export class McpView {
  constructor(readonly page: Page) {}

  get header(): Locator {
    return this.page.locator('.pane-header', { hasText: 'MCP Servers' }).first();
  }

  get body(): Locator {
    return this.page.locator('.pane', { has: this.header }).locator('.pane-body');
  }

  /** Expands the pane (it starts collapsed under the chat). */
  async open(): Promise<void> {
    await this.header.waitFor({ state: 'visible', timeout: 30_000 });
    if ((await this.header.getAttribute('aria-expanded')) !== 'true') await this.header.click();
    await this.body.waitFor({ state: 'visible', timeout: 15_000 });
  }

  /** A tree row whose label starts with `label` (rows read "name, description"). */
  row(label: string): Locator {
    return this.body.locator('.monaco-list-row', { has: this.page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) }).first();
  }

  async description(label: string): Promise<string> {
    return (await this.row(label).locator('.label-description').innerText().catch(() => '')).trim();
  }

  /** Runs an inline action of a row (hover shows them) by its title. */
  async action(label: string, title: string): Promise<void> {
    const row = this.row(label);
    await row.hover();
    await row.locator(`.actions .action-label[aria-label="${title}"]`).click();
  }

  async expand(label: string): Promise<void> {
    const row = this.row(label);
    if ((await row.getAttribute('aria-expanded')) === 'false') await row.click();
  }
}
