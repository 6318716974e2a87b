// Work in progress: VS Code's <vscode-progress-ring>, named for screen readers. The
// element announces itself assertively by default (role alert); a spinner in a chat
// row is a state, not news, so it is an image with a name and no live region.
export function Spinner({ label }: { label: string }) {
  return <vscode-progress-ring class="spinner" role="img" aria-label={label} aria-live="off" />;
}
