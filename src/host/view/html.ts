// The webview's HTML. vscode-free so the CSP is unit-tested.
// CSP: nothing loads or runs unless it is ours. Scripts need the per-load nonce;
// styles, images and fonts come only from the extension's own files (cspSource), plus
// data: images. No 'unsafe-inline' for styles: the toolkit's components style
// themselves through constructable stylesheets (adoptedStyleSheets), which CSP does
// not gate, and React's `style` props go through the CSSOM, which CSP does not gate
// either. No connect-src: the webview talks to nothing but the host (postMessage).
// The codicon font is one of the extension's files (dist/media), so font-src cspSource
// covers it. The l10n bundle travels as a JSON data block: a script element whose type
// is not JavaScript is never executed, so the CSP's script-src does not apply to it.
import { randomBytes } from 'node:crypto';
import { L10N_ELEMENT_ID } from '../../protocol/page';

export interface HtmlInputs {
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  /** dist/media/codicon.css (the codicon font's stylesheet). */
  codiconUri: string;
  /** VS Code's display language (vscode.env.language), for <html lang>. */
  lang?: string;
  /** The host's l10n bundle (vscode.l10n.bundle): the webview's translations; absent in English. */
  l10n?: Record<string, string>;
}

export function makeNonce(): string {
  return randomBytes(18).toString('base64url');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
/** JSON that cannot end its script element or open a comment: every '<' is escaped. */
const jsonData = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');

export function renderHtml(o: HtmlInputs): string {
  return `<!DOCTYPE html>
<html lang="${escapeAttr(o.lang || 'en')}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(contentSecurityPolicy(o.cspSource, o.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" id="vscode-codicon-stylesheet" href="${escapeAttr(o.codiconUri)}">
<link rel="stylesheet" href="${escapeAttr(o.styleUri)}">
<title>Tandem</title>
</head>
<body>
<div id="root"></div>
<script type="application/json" id="${L10N_ELEMENT_ID}">${jsonData(o.l10n ?? {})}</script>
<script nonce="${escapeAttr(o.nonce)}" src="${escapeAttr(o.scriptUri)}"></script>
</body>
</html>`;
}
