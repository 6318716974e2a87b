// Dependencies the components share, passed down once instead of as globals: the RPC
// client, the store and the persisted UI state. Tests provide fakes with the same shape.
import { createContext, useCallback, useContext, useEffect, useLayoutEffect } from 'react';
import type { ParamsOf, RequestMethod, ResultOf } from '../src/protocol';
import type { Rpc } from './rpc/client';
import type { Store } from './state/store';
import { useStoreState } from './state/store';
import type { ChatState } from './state/reducer';
import type { UiStatePersister } from './vscodeApi';

export interface AppDeps {
  rpc: Rpc;
  store: Store;
  ui: UiStatePersister;
}

export const AppContext = createContext<AppDeps | null>(null);

export function useDeps(): AppDeps {
  const deps = useContext(AppContext);
  if (!deps) throw new Error('AppContext is missing');
  return deps;
}

export function useSelect<T>(select: (s: ChatState) => T): T {
  return useStoreState(useDeps().store, select);
}

/**
 * Calls the host and reports a failure as a notice (nothing is thrown into React).
 * Resolves to undefined when the request failed, so callers can restore what they cleared.
 */
export function useCall() {
  const { rpc, store } = useDeps();
  return useCallback(
    async <M extends RequestMethod>(method: M, params: ParamsOf<M>): Promise<ResultOf<M> | undefined> => {
      try {
        return await rpc.request(method, params);
      } catch (err) {
        store.dispatch({ type: 'notice/show', kind: 'error', message: err instanceof Error ? err.message : String(err) });
        return undefined;
      }
    },
    [rpc, store],
  );
}

/** useLayoutEffect in the browser; useEffect under server rendering (unit tests). */
export const useIsoLayoutEffect = typeof document !== 'undefined' ? useLayoutEffect : useEffect;
