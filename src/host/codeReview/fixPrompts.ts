// The messages that ask the agent to address review findings. vscode-free, pure.
// - Findings of a review the user asked for ("Fix with Tandem" on a comment thread, "Fix"
//   on the chat's review): a request with the findings and the code around them attached.
// - The background review's findings on the agent's own staged changes ("Address them"):
//   a turn in the same session, which revises its staged changes.
// Both say that a finding may be wrong: the agent checks it first and explains instead
// of changing code it believes is right (a reviewer is precise, not infallible).
import { priorityLabel } from '../../core/shared';
import type { Attachment, ReviewFinding } from '../../core/index';

/** Lines of code around a finding sent with it. */
export const FINDING_CONTEXT_LINES = 30;

type Where = Pick<ReviewFinding, 'path' | 'startLine' | 'endLine'>;

function where(f: Where): string {
  return f.startLine === f.endLine ? `${f.path}:${f.startLine}` : `${f.path}:${f.startLine}-${f.endLine}`;
}

function describe(f: ReviewFinding): string {
  return `[${priorityLabel(f.priority)}] ${where(f)}: ${f.title}\n${f.body}`;
}

/**
 * The message asking to fix `findings` (at least one). `staged`: they are about the
 * agent's own staged changes (their lines are on the staged version).
 */
export function fixText(findings: readonly ReviewFinding[], staged: boolean): string {
  const one = findings.length === 1;
  const these = one ? 'this problem' : `these ${findings.length} problems`;
  const intro = staged ? `A code review of your staged changes (not applied yet) found ${these}:` : `A code review of my changes found ${these}:`;
  const list = one ? [describe(findings[0])] : findings.map((f, i) => `${i + 1}. ${describe(f).replace(/\n/g, '\n   ')}`);
  const what = staged
    ? `Revise your staged changes to fix ${one ? 'it' : 'them'}; the line numbers are in the staged version of each file.`
    : `Fix ${one ? 'it' : 'them'}, changing only what the fix needs.`;
  return [
    intro,
    '',
    ...list,
    '',
    `${what} Check each finding against the code first: if one is not a real problem, say why instead of changing the code. Make the change with apply_patch; the user reviews it before anything is written.`,
  ].join('\n');
}

/** The code around each finding (the core reads it through the staged view); one per file and range. */
export function fixAttachments(findings: readonly Where[]): Attachment[] {
  const seen = new Set<string>();
  const out: Attachment[] = [];
  for (const f of findings) {
    const range = { startLine: Math.max(1, f.startLine - FINDING_CONTEXT_LINES), endLine: f.endLine + FINDING_CONTEXT_LINES };
    const key = `${f.path}:${range.startLine}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ type: 'file', path: f.path, range });
  }
  return out;
}
