// Reviewing an agent's staged changes before they are applied (the editor's background
// review): the staging area's hunks as a git-style patch (the `patch` target), and a
// read-only Workspace over the staged view for the reviewer to read.
//
//   const result = await reviewChanges({
//     root, model,
//     target: { type: 'patch', patch: stagedChangesToPatch(await agent.changes()), description: "Tandem's staged changes" },
//     staged: agent.staging,
//   });
//
// With `staged`, read_file, list_dir and search all see the staged files (the reviewer
// reads through readOnlyWorkspace(staged); its search covers the area's layer).
import type { StagedChange } from '../staging/types';
import type { FileView, Workspace } from '../workspace/types';

const NO_EOL = '\\ No newline at end of file';

/** The changes as one unified diff in git's format (a/ b/ prefixes, `diff --git` headers). */
export function stagedChangesToPatch(changes: readonly StagedChange[]): string {
  return changes.map(filePatch).join('');
}

function filePatch(c: StagedChange): string {
  const from = c.from ?? c.path;
  const head = [`diff --git a/${from} b/${c.path}`];
  if (c.kind === 'add') head.push('new file mode 100644');
  if (c.kind === 'delete') head.push('deleted file mode 100644');
  if (c.kind === 'rename') head.push(`rename from ${from}`, `rename to ${c.path}`);
  if (c.binary) return `${[...head, `Binary files ${c.kind === 'add' ? '/dev/null' : `a/${from}`} and ${c.kind === 'delete' ? '/dev/null' : `b/${c.path}`} differ`].join('\n')}\n`;
  if (c.hunks.length === 0) return `${head.join('\n')}\n`;
  head.push(`--- ${c.kind === 'add' ? '/dev/null' : `a/${from}`}`, `+++ ${c.kind === 'delete' ? '/dev/null' : `b/${c.path}`}`);
  const body: string[] = [];
  for (const h of c.hunks) {
    body.push(`@@ -${h.oldLines === 0 ? h.oldStart - 1 : h.oldStart},${h.oldLines} +${h.newLines === 0 ? h.newStart - 1 : h.newStart},${h.newLines} @@`);
    // the "no newline" marker follows the last line of its side
    const lastOld = lastIndex(h.lines, (l) => l[0] !== '+');
    const lastNew = lastIndex(h.lines, (l) => l[0] !== '-');
    h.lines.forEach((l, i) => {
      body.push(l);
      const endsOld = i === lastOld && h.oldNoNewlineAtEnd === true && l[0] !== '+';
      const endsNew = i === lastNew && h.newNoNewlineAtEnd === true && l[0] !== '-';
      if (endsOld || endsNew) body.push(NO_EOL);
    });
  }
  return `${[...head, ...body].join('\n')}\n`;
}

function lastIndex(lines: string[], pred: (l: string) => boolean): number {
  for (let i = lines.length - 1; i >= 0; i--) if (pred(lines[i])) return i;
  return -1;
}

/** `view` as a Workspace that refuses every write (what a reviewer session is given). */
export function readOnlyWorkspace(view: FileView): Workspace {
  return {
    root: view.root,
    readFile: (p) => view.readFile(p),
    stat: (p) => view.stat(p),
    readDir: (p) => view.readDir(p),
    applyEdits: () => Promise.reject(new Error('This view is read-only: a review never writes files.')),
  };
}
