// A small external store around the reducer, read with useSyncExternalStore and a
// selector, so a component re-renders only when the slice it selects changes (the
// composer does not re-render for every streamed token).
// Host notifications are queued and applied once per animation frame as one batch: a
// burst of deltas costs one render and one markdown parse per frame, not one per post.
import { useSyncExternalStore } from 'react';
import { reducer, initialState, type Action, type ChatState } from './reducer';

export interface Store {
  getState(): ChatState;
  dispatch(action: Action): void;
  /** Queue an action for the next frame (all queued actions apply together, in order). */
  enqueue(action: Action): void;
  /** Apply queued actions now (tests, and before anything that reads state synchronously). */
  flush(): void;
  subscribe(listener: () => void): () => void;
}

export type Scheduler = (run: () => void) => void;

const frameScheduler: Scheduler = (run) => {
  if (typeof requestAnimationFrame === 'function') {
    requestAnimationFrame(() => run());
  } else {
    setTimeout(run, 16);
  }
};

export function createStore(initial: ChatState = initialState, schedule: Scheduler = frameScheduler): Store {
  let state = initial;
  let queue: Action[] = [];
  let scheduled = false;
  const listeners = new Set<() => void>();

  const set = (next: ChatState) => {
    if (next === state) return;
    state = next;
    for (const l of [...listeners]) l();
  };
  const flush = () => {
    scheduled = false;
    if (queue.length === 0) return;
    const actions = queue;
    queue = [];
    set(reducer(state, { type: 'batch', actions }));
  };

  return {
    getState: () => state,
    dispatch(action) {
      flush(); // keep order: anything queued happened before this action
      set(reducer(state, action));
    },
    enqueue(action) {
      queue.push(action);
      if (!scheduled) {
        scheduled = true;
        schedule(flush);
      }
    },
    flush,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function useStoreState<T>(store: Store, select: (s: ChatState) => T): T {
  return useSyncExternalStore(
    store.subscribe,
    () => select(store.getState()),
    () => select(store.getState()),
  );
}
