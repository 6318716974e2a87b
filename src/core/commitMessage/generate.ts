// A commit message for staged changes, from one model request outside any chat session
// (the editor's "Generate Commit Message with Tandem"). Input: the staged diff, recent
// commit messages (the repository's style) and AGENTS.md (its rules). Output: the
// message alone, without fences or quotes. Nothing is committed here or anywhere.
// Contract: `signal` aborts the request (the caller's Cancel); an empty or missing
// answer is an error, never an empty message.
import { createModelClient } from '../model/client';
import type { ModelClient, ModelConfig } from '../model/types';

export const DEFAULT_COMMIT_DIFF_CHARS = 60_000;

export interface CommitMessageRequest {
  model: ModelConfig;
  /** The staged diff (`git diff --cached`). */
  diff: string;
  /** Recent commit messages, newest first: the style to follow. */
  recentMessages?: string[];
  /** Project instructions (AGENTS.md), if any. */
  instructions?: string;
  signal?: AbortSignal;
  /** The diff is cut to this many characters (default 60,000), saying so. */
  maxDiffChars?: number;
  /** Injected for tests; defaults to a client for `model`. */
  client?: ModelClient;
}

export class CommitMessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommitMessageError';
  }
}

const SYSTEM = [
  'You write git commit messages for staged changes.',
  'Answer with the commit message only: no preamble, no code fences, no quotes.',
  'Be concise: a subject line of at most 72 characters, in the imperative mood unless the recent commits use another form;',
  'add a body (after a blank line, wrapped at 72 characters) only when the change needs a why that the subject cannot carry.',
  "Follow the repository's recent commit messages for form: prefixes such as `feat:` or a scope, capitalisation, tense, length.",
  'Follow the project instructions where they say anything about commits.',
].join('\n');

export function commitMessagePrompt(req: Pick<CommitMessageRequest, 'diff' | 'recentMessages' | 'instructions' | 'maxDiffChars'>): string {
  const cap = req.maxDiffChars ?? DEFAULT_COMMIT_DIFF_CHARS;
  const diff = req.diff.length > cap ? `${req.diff.slice(0, cap)}\n[… the diff is cut here: ${req.diff.length - cap} more characters not shown]` : req.diff;
  const parts: string[] = [];
  if (req.instructions?.trim()) parts.push(`Project instructions (AGENTS.md):\n${req.instructions.trim()}`);
  const recent = (req.recentMessages ?? []).map((m) => m.trim()).filter(Boolean).slice(0, 10);
  if (recent.length) parts.push(`Recent commit messages, newest first:\n${recent.map((m) => `---\n${m}`).join('\n')}\n---`);
  parts.push(`The staged diff:\n${diff}`);
  parts.push('Write the commit message for this staged diff.');
  return parts.join('\n\n');
}

/** Strips what models wrap a message in: fences, surrounding quotes, a "Commit message:" label. */
export function cleanCommitMessage(text: string): string {
  let t = text.trim();
  const fence = /^```[\w-]*\n([\s\S]*?)\n```$/.exec(t);
  if (fence) t = fence[1].trim();
  t = t.replace(/^(commit message|message)\s*:\s*/i, '');
  if (t.length > 1 && /^["'`]/.test(t) && t.endsWith(t[0])) t = t.slice(1, -1).trim();
  return t;
}

export async function generateCommitMessage(req: CommitMessageRequest): Promise<string> {
  if (!req.diff.trim()) throw new CommitMessageError('There are no staged changes to describe.');
  const client = req.client ?? createModelClient(req.model);
  const signal = req.signal ?? new AbortController().signal;
  let text = '';
  let final = '';
  for await (const event of client.stream({
    model: req.model.model,
    instructions: SYSTEM,
    input: [{ type: 'message', role: 'user', content: commitMessagePrompt(req) }],
    tools: [],
    ...(req.model.reasoningEffort ? { reasoningEffort: 'low' as const } : {}),
    signal,
  })) {
    if (event.type === 'retrying') text = '';
    else if (event.type === 'text_delta') text += event.text;
    else if (event.type === 'completed') {
      final = event.output.flatMap((e) => (e.type === 'message' && e.role === 'assistant' ? [e.content] : [])).join('\n');
    }
  }
  const message = cleanCommitMessage(final || text);
  if (!message) throw new CommitMessageError('The model returned no commit message.');
  return message;
}
