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

/** Why an action that needed approval did not get it: the user said no, or no one could be asked. */
export type Refusal = { by: 'user' | 'no_one'; reason: string };

/**
 * Asks the user through ctx.approvals; returns undefined when allowed, or the refusal
 * (the user's reason, possibly empty, or why no one could be asked). Remembers
 * allow_session decisions under `key` (the guard's own key for the request: readKey /
 * writeKey / commandKey).
 */
export async function askUser(ctx: ToolContext, request: ApprovalRequest, key: string): Promise<Refusal | undefined> {
  const decision = await ctx.approvals.request(request, ctx.signal);
  switch (decision.decision) {
    case 'deny':
      return { by: 'user', reason: decision.reason ?? '' };
    case 'cannot_ask':
      return { by: 'no_one', reason: decision.reason };
    case 'allow_session':
      ctx.guard.rememberSessionAllow(key);
      return undefined;
    case 'allow_once':
      return undefined;
  }
}

/** Applies the read policy to one path; throws ToolError when refused or declined. */
export async function checkRead(ctx: ToolContext, path: string): Promise<void> {
  const a = await ctx.guard.assessRead(path);
  if (a.action === 'allow') return;
  if (a.action === 'deny') throw new ToolError(`Reading ${shown(path)} is not allowed: ${a.why}`);
  const refusal = await askUser(ctx, { type: 'read', path, why: a.why }, readKey(path));
  if (refusal) throw new ToolError(refusalText(`reading ${shown(path)}`, refusal));
}

/** Applies the write policy to one path; throws ToolError when refused or declined. */
export async function checkWrite(ctx: ToolContext, path: string): Promise<PathAssessment> {
  const a = await ctx.guard.assessWrite(path);
  if (a.action === 'deny') throw new ToolError(`Writing ${shown(path)} is not allowed: ${a.why}`);
  if (a.action === 'ask') {
    const refusal = await askUser(ctx, { type: 'write', path, why: a.why }, writeKey(path));
    if (refusal) throw new ToolError(refusalText(`writing ${shown(path)}`, refusal));
  }
  return a;
}

/** What the model is told when `what` ("reading .env") was refused approval. */
export function refusalText(what: string, refusal: Refusal): string {
  if (refusal.by === 'no_one') return notApproved(what, refusal.reason);
  return `The user declined ${what}${refusal.reason ? `: ${refusal.reason}` : '.'} Do not retry the same action; adapt or ask the user.`;
}

/** `what` needed approval and no one could be asked (`reason` says why). */
export function notApproved(what: string, reason: string): string {
  return (
    `${what[0].toUpperCase()}${what.slice(1)} needs the user's approval, and none could be given: ${reason}. No one was asked. ` +
    'Do not retry it; do without it, or tell the user what you need and why.'
  );
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
