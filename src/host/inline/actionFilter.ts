// Which diagnostics get a "Fix with Tandem" quick fix. Pure, so it is unit-tested.
// Errors and warnings intersecting the requested range; never our own diagnostics;
// at most MAX_DIAGNOSTICS per action (the rest would only crowd the prompt).
export interface DiagLike {
  severity: number; // vscode.DiagnosticSeverity: 0 error, 1 warning, 2 info, 3 hint
  source?: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

export interface RangeLike {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export const MAX_DIAGNOSTICS = 5;

function before(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** Closed-range intersection (an empty cursor range touching a diagnostic counts). */
export function intersects(a: RangeLike, b: RangeLike): boolean {
  return !before(a.end, b.start) && !before(b.end, a.start);
}

export function fixableDiagnostics<D extends DiagLike>(diagnostics: readonly D[], range: RangeLike): D[] {
  return diagnostics
    .filter((d) => d.severity <= 1 && d.source?.toLowerCase() !== 'tandem' && intersects(d.range, range))
    .sort((a, b) => a.severity - b.severity || a.range.start.line - b.range.start.line)
    .slice(0, MAX_DIAGNOSTICS);
}
