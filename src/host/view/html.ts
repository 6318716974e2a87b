// The webview's HTML. vscode-free so the CSP is unit-tested.
// CSP: nothing loads or runs unless it is ours. Scripts need the per-load nonce;
// styles, images and fonts come only from the extension's own files (cspSource), plus
// data: images. No 'unsafe-inline' for styles: the toolkit's components style
// themselves through constructable stylesheets (adoptedStyleSheets), which CSP does
// not gate, and React's `style` props go through the CSSOM, which CSP does not gate
// either. No connect-src: the webview talks to nothing but the host (postMessage).
import { randomBytes } from 'node:crypto';

export interface HtmlInputs {
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
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

export function renderHtml(o: HtmlInputs): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(contentSecurityPolicy(o.cspSource, o.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttr(o.styleUri)}">
<title>Tandem</title>
</head>
<body>
<div id="root"></div>
<script nonce="${escapeAttr(o.nonce)}" src="${escapeAttr(o.scriptUri)}"></script>
</body>
</html>`;
}
