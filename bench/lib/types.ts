// What an area returns: figures for BENCHMARKS.md. `ok` is undefined when a figure has
// no budget (context figures) or could not be measured.
export interface Figure {
  figure: string;
  budget?: string;
  value: string;
  /** true = within budget, false = budget missed, undefined = no budget. */
  ok?: boolean;
  /** One line: what dominates the value. */
  reading: string;
}

export interface AreaResult {
  id: string;
  title: string;
  figures: Figure[];
  /** Set when the whole area was skipped: printed and written as "not measured: <reason>". */
  notMeasured?: string;
  /** Extra lines under the table (method, caveats). */
  notes?: string[];
  ranAt: string;
  durationMs: number;
}

export interface Area {
  id: string;
  title: string;
  /** Short names accepted on the command line besides the id. */
  aliases: string[];
  run(log: (line: string) => void): Promise<Omit<AreaResult, 'id' | 'title' | 'ranAt' | 'durationMs'>>;
}

/** A figure that could not be measured (never a fake value). */
export function notMeasured(figure: string, budget: string | undefined, reason: string): Figure {
  return { figure, budget, value: 'not measured', reading: reason };
}
