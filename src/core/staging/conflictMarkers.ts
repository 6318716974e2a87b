// Conflict markers for text that two agents changed in the same lines (branch.ts): both
// versions stay in the staged file, git-style, so neither is lost and both the user and
// the agent (which reads the staged view) see exactly what overlaps. Applying refuses
// text that still holds markers (applyReject.ts).
import { diff3Merge } from 'node-diff3';
import { splitLinesKeepEol } from '../util/text';

const MARKER = /^(<{7}|={7}|>{7})(?: |\r?$)/m;

/** True when the text has a conflict marker line (undefined text: false). */
export function hasConflictMarkers(text: string | undefined): boolean {
  return text !== undefined && MARKER.test(text);
}

export interface MarkedMerge {
  text: string;
  /** 1-based line ranges of the conflicts in `text`, markers included. */
  regions: { start: number; end: number }[];
}

/**
 * Three-way merge of `ours` and `theirs` against `base`; overlapping changes become
 * marker blocks labelled `oursLabel` / `theirsLabel`. Lines keep their terminators; a
 * side whose last line lacks one gets a newline before the next marker.
 */
export function mergeWithMarkers(ours: string, base: string, theirs: string, oursLabel: string, theirsLabel: string): MarkedMerge {
  const eol = /\r\n/.test(ours) ? '\r\n' : '\n';
  const out: string[] = [];
  const regions: MarkedMerge['regions'] = [];
  let line = 1;
  const push = (tokens: string[]) => {
    for (const t of tokens) {
      out.push(t);
      line++;
    }
  };
  const block = (tokens: string[]) => {
    const copy = [...tokens];
    if (copy.length && !copy[copy.length - 1].endsWith('\n')) copy[copy.length - 1] += eol;
    push(copy);
  };
  for (const r of diff3Merge(splitLinesKeepEol(ours), splitLinesKeepEol(base), splitLinesKeepEol(theirs))) {
    if (r.ok) {
      push(r.ok);
      continue;
    }
    if (!r.conflict) continue;
    const start = line;
    push([`<<<<<<< ${oursLabel}${eol}`]);
    block(r.conflict.a);
    push([`=======${eol}`]);
    block(r.conflict.b);
    push([`>>>>>>> ${theirsLabel}${eol}`]);
    regions.push({ start, end: line - 1 });
  }
  return { text: out.join(''), regions };
}
