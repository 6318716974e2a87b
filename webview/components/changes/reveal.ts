// How the chat asks the Changes area to show a file: a window event, so the two
// components share no state (the area expands the file, scrolls to it and focuses it).
export const REVEAL_CHANGE_EVENT = 'tandem:reveal-change';

export interface RevealChangeDetail {
  path: string;
}

export function revealChange(path: string): void {
  window.dispatchEvent(new CustomEvent<RevealChangeDetail>(REVEAL_CHANGE_EVENT, { detail: { path } }));
}
