// Item bookkeeping shared by the reducer (snapshots) and older-page prepends (older.ts):
// the id -> position index and the set of finished items.
import type { Item } from '../../src/protocol';

const FINAL = new Set(['completed', 'failed', 'declined']);

/** Item id -> position in `items`. */
export function indexItems(items: readonly Item[]): Map<string, number> {
  const index = new Map<string, number>();
  items.forEach((item, i) => index.set(item.id, i));
  return index;
}

/** `done` plus the ids of `items` whose status is final; `done` itself when none is. */
export function withFinished(done: ReadonlySet<string>, items: readonly Item[]): ReadonlySet<string> {
  let out = done;
  for (const item of items) {
    if ('status' in item && FINAL.has(item.status)) {
      if (out === done) out = new Set(done);
      (out as Set<string>).add(item.id);
    }
  }
  return out;
}
