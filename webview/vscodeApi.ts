// The webview side of VS Code: `acquireVsCodeApi()` may be called once per page, so it
// is wrapped here and handed down. Outside VS Code (unit tests, a plain browser) a
// memory stand-in keeps the app usable.
import type { Attachment, WebviewToHost } from '../src/protocol';

/** The light UI state that survives a reload of the view (VS Code keeps it per view). */
export interface UiState {
  draft: string;
  attachments: Attachment[];
  panel: 'chat' | 'history';
  /** Id of the item at the top of the list, unless the list was scrolled to the bottom. */
  scroll: { topItemId?: string; atBottom: boolean };
}

export const defaultUiState: UiState = { draft: '', attachments: [], panel: 'chat', scroll: { atBottom: true } };

export interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare global {
  function acquireVsCodeApi(): VsCodeApi;
}

export function getVsCodeApi(): VsCodeApi {
  if (typeof acquireVsCodeApi === 'function') return acquireVsCodeApi();
  let saved: unknown;
  return {
    postMessage: () => undefined,
    getState: () => saved,
    setState: (s) => {
      saved = s;
    },
  };
}

/** Reads persisted UI state defensively: an older or corrupt shape falls back per field. */
export function loadUiState(api: Pick<VsCodeApi, 'getState'>): UiState {
  const raw = api.getState() as Partial<UiState> | undefined;
  if (!raw || typeof raw !== 'object') return defaultUiState;
  return {
    draft: typeof raw.draft === 'string' ? raw.draft : '',
    attachments: Array.isArray(raw.attachments) ? raw.attachments : [],
    panel: raw.panel === 'history' ? 'history' : 'chat',
    scroll:
      raw.scroll && typeof raw.scroll === 'object'
        ? { topItemId: typeof raw.scroll.topItemId === 'string' ? raw.scroll.topItemId : undefined, atBottom: raw.scroll.atBottom !== false }
        : { atBottom: true },
  };
}

/** Merges a patch into the persisted UI state. */
export function createUiStatePersister(api: Pick<VsCodeApi, 'getState' | 'setState'>) {
  let current = loadUiState(api);
  return {
    get: () => current,
    update(patch: Partial<UiState>) {
      current = { ...current, ...patch };
      api.setState(current);
    },
  };
}
export type UiStatePersister = ReturnType<typeof createUiStatePersister>;
