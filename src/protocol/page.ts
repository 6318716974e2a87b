// What the host writes into the webview's page besides the scripts (src/host/view/html.ts)
// and the webview reads at start (webview/l10n.ts).

/** Id of the JSON data block carrying the host's l10n bundle (vscode.l10n.bundle; {} in English). */
export const L10N_ELEMENT_ID = 'tandem-l10n';
