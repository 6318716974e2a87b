// Helpers for the code-review e2e tests: the fake server's reviewer reply, a git
// repository of the sample workspace, and where comment threads sit in the editor.
import { execFileSync } from 'node:child_process';
import type { Page } from 'playwright-core';

/** Routes a fake-server rule to the reviewer's requests (its system prompt). */
export const REVIEWER = "You are Tandem's code reviewer";

/** The reviewer's reply: one submit_review call with these findings (snake_case, as the tool takes them). */
export function submitReview(findings: unknown[]) {
  return {
    toolCalls: [{ name: 'submit_review', arguments: { findings, summary: 'Changes how the mean is computed.', overall_correctness: findings.length ? 'needs changes' : 'looks good', overall_confidence: 0.8 } }],
  };
}

/** Makes the sample workspace a git repository with everything committed. */
export function commitWorkspace(ws: string): void {
  const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };
  const git = (...args: string[]) => execFileSync('git', args, { cwd: ws, env, encoding: 'utf8' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'init');
}

/** Lines of the active editor whose gutter shows a comment thread (VS Code's comment glyph). */
export async function threadLines(page: Page): Promise<number[]> {
  return page
    .locator('.editor-group-container.active .monaco-editor .margin-view-overlays')
    .first()
    .evaluate((root) =>
      Array.from(root.children)
        .filter((row) => row.querySelector('[class*="comment-thread"]'))
        .map((row) => Number((row.querySelector('.line-numbers') as HTMLElement | null)?.innerText.trim()))
        .sort((a, b) => a - b),
    );
}
