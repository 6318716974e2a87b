// Area 3, long sessions: not finished in this round (see BENCHMARKS.md and the report).
import type { Area } from '../lib/types';
import { editorUnavailable } from '../lib/editor';

export const longSessionArea: Area = {
  id: 'long-session',
  title: '3. Long sessions',
  aliases: ['3', 'long', 'history'],
  async run() {
    const why = editorUnavailable();
    return {
      figures: [],
      notMeasured: why ?? 'the 5,000-item history fixture and its full-snapshot baseline page are not written yet; no value is reported rather than a guessed one (keypress→paint while streaming in a small session is in area 2)',
    };
  },
};
