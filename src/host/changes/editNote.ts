// The sentence telling the agent that the user edited a staged file before applying it
// (delivered with the other review decisions on its next request). Pure; unit-tested.
import { structuredPatch } from 'diff';
import { hunkHeader } from '../session/changes';

/** Lines of diff shown to the agent at most (the rest is counted, not shown). */
export const MAX_NOTE_LINES = 40;

export function userEditNote(path: string, before: string, after: string): string | undefined {
  if (before === after) return undefined;
  const patch = structuredPatch(path, path, before, after, undefined, undefined, { context: 1 });
  const body: string[] = [];
  let added = 0;
  let removed = 0;
  for (const h of patch.hunks) {
    body.push(hunkHeader(h));
    for (const l of h.lines) {
      if (l.startsWith('\\')) continue;
      if (l[0] === '+') added++;
      if (l[0] === '-') removed++;
      body.push(l.replace(/\r$/, ''));
    }
  }
  const shown = body.slice(0, MAX_NOTE_LINES);
  if (body.length > MAX_NOTE_LINES) shown.push(`[... ${body.length - MAX_NOTE_LINES} more diff lines]`);
  return (
    `the user edited your staged version of ${path} (+${added} -${removed} lines); ` +
    `the staged file now holds their text, keep it:\n${shown.join('\n')}`
  );
}
