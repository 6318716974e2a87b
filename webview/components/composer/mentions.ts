// Finding and completing an `@` mention at the caret of the composer's text.
// A mention starts with `@` at the start of the text or after whitespace and runs to
// the caret without whitespace (paths with spaces are completed, not typed).

export interface ActiveMention {
  /** Index of the `@`. */
  start: number;
  /** Text typed after the `@`, up to the caret. */
  query: string;
}

export function activeMention(text: string, caret: number): ActiveMention | undefined {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at === -1) return undefined;
  if (at > 0 && !/\s/.test(before[at - 1])) return undefined; // an email address, not a mention
  const query = before.slice(at + 1);
  if (/\s/.test(query)) return undefined;
  return { start: at, query };
}

/** Replaces the mention with `@path ` and returns the new text and caret. */
export function completeMention(text: string, caret: number, mention: ActiveMention, path: string) {
  const insert = `@${path} `;
  const after = text.slice(caret).replace(/^\S*/, ''); // drop the rest of a word being edited
  const next = text.slice(0, mention.start) + insert + after.replace(/^ /, '');
  return { text: next, caret: mention.start + insert.length };
}
