// Helpers shared by the tools: path arguments, policy checks (guard, then approvals),
// text decoding and output capping. Tools throw ToolError for anything the model
// should read and correct; the dispatcher turns it into a failed tool output.
import { isAbsolute } from 'node:path';
import { normalizeRelativePath, toWorkspacePath } from '../util/paths';
import { isBinary, decodeUtf8Strict } from '../util/text';
import { PathOutsideWorkspaceError } from '../workspace/types';
import type { ApprovalRequest } from '../approvals/types';
import type { PathAssessment } from '../policy/guard';
import { readKey, writeKey } from '../policy/createGuard';
import { ToolError, type ToolContext } from './types';

/**
 * A workspace path from a model argument: relative paths are normalised ("./a//b" ->
 * "a/b"); an absolute path is accepted only inside the workspace root. "" is the root.
 */
export function toolPath(ctx: Pick<ToolContext, 'view'>, input: string): string {
  const raw = input.trim();
  if (isAbsolute(raw)) {
    const rel = toWorkspacePath(ctx.view.root, raw);
    if (rel === undefined) throw new PathOutsideWorkspaceError(raw);
    return normalizeRelativePath(rel);
  }
  return normalizeRelativePath(raw === '.' ? '' : raw);
}

/** Display form of a workspace path ("." for the root). */
export function shown(rel: string): string {
  return rel === '' ? '.' : rel;
}

/**
 * Asks the user through ctx.approvals; returns undefined when allowed, or the user's
 * reason (possibly empty) when denied. Remembers allow_session decisions under `key`
 * (the guard's own key for the request: readKey / writeKey / commandKey).
 */
export async function askUser(ctx: ToolContext, request: ApprovalRequest, key: string): Promise<string | undefined> {
  const decision = await ctx.approvals.request(request, ctx.signal);
  if (decision.decision === 'deny') return decision.reason ?? '';
  if (decision.decision === 'allow_session') ctx.guard.rememberSessionAllow(key);
  return undefined;
}

/** Applies the read policy to one path; throws ToolError when refused or declined. */
export async function checkRead(ctx: ToolContext, path: string): Promise<void> {
  const a = await ctx.guard.assessRead(path);
  if (a.action === 'allow') return;
  if (a.action === 'deny') throw new ToolError(`Reading ${shown(path)} is not allowed: ${a.why}`);
  const reason = await askUser(ctx, { type: 'read', path, why: a.why }, readKey(path));
  if (reason !== undefined) throw new ToolError(declined(`reading ${shown(path)}`, reason));
}

/** Applies the write policy to one path; throws ToolError when refused or declined. */
export async function checkWrite(ctx: ToolContext, path: string): Promise<PathAssessment> {
  const a = await ctx.guard.assessWrite(path);
  if (a.action === 'deny') throw new ToolError(`Writing ${shown(path)} is not allowed: ${a.why}`);
  if (a.action === 'ask') {
    const reason = await askUser(ctx, { type: 'write', path, why: a.why }, writeKey(path));
    if (reason !== undefined) throw new ToolError(declined(`writing ${shown(path)}`, reason));
  }
  return a;
}

export function declined(what: string, reason: string): string {
  return `The user declined ${what}${reason ? `: ${reason}` : '.'} Do not retry the same action; adapt or ask the user.`;
}

export type Decoded = { text: string } | { unreadable: string };

/** Text of a file for reading or patching; NUL bytes or invalid UTF-8 make it unreadable. */
export function decodeFile(bytes: Uint8Array): Decoded {
  if (isBinary(bytes)) return { unreadable: 'it is a binary file (it contains NUL bytes)' };
  const text = decodeUtf8Strict(bytes);
  if (text === undefined) return { unreadable: 'it is not valid UTF-8 text' };
  return { text };
}

/** Index of the largest char boundary <= at in UTF-8 bytes (never splits a character). */
function charBoundary(buf: Buffer, at: number): number {
  let i = Math.max(0, Math.min(at, buf.length));
  while (i > 0 && i < buf.length && (buf[i] & 0xc0) === 0x80) i--;
  return i;
}

/**
 * Keeps the first `head` and last `tail` bytes of text (UTF-8), with a marker saying
 * how many bytes were omitted in between.
 */
export function capHeadTail(text: string, head: number, tail: number): string {
  const buf = Buffer.from(text, 'utf8');
  if (buf.length <= head + tail) return text;
  const h = charBoundary(buf, head);
  let t = buf.length - tail;
  while (t < buf.length && (buf[t] & 0xc0) === 0x80) t++;
  const omitted = t - h;
  return `${buf.subarray(0, h).toString('utf8')}\n[… ${omitted} bytes omitted …]\n${buf.subarray(t).toString('utf8')}`;
}

/** Truncates one long line for display. */
export function clipLine(line: string, max: number): string {
  return line.length <= max ? line : `${line.slice(0, max)}… [${line.length - max} more characters]`;
}
