// The small pure helpers of the host: links, fuzzy file filter, ripgrep discovery,
// line-edit ranges, the webview HTML and its CSP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { classifyLink } from '../../../src/host/editor/links';
import { rankPaths } from '../../../src/host/editor/fuzzy';

const fuzzyFilter = (query: string, paths: string[], limit: number) => rankPaths(query, paths, limit).map((m) => m.path);
import { findRipgrep, ripgrepCandidates } from '../../../src/host/env/ripgrep';
import { canEditAsLines, lineEditRanges, type RangeEdit } from '../../../src/host/workspace/workspaceText';
import { computeLineEdits } from '../../../src/core/staging/textEdits';
import { contentSecurityPolicy, makeNonce, renderHtml } from '../../../src/host/view/html';

test('links: http(s) opens externally, workspace files open in the editor, the rest is refused', () => {
  const root = '/home/u/proj';
  assert.deepEqual(classifyLink('https://example.com/a?b#c', root), { kind: 'external', url: 'https://example.com/a?b#c' });
  assert.deepEqual(classifyLink('src/a.ts#L12', root), { kind: 'file', path: 'src/a.ts', line: 12 });
  assert.deepEqual(classifyLink('./src/a.ts:7', root), { kind: 'file', path: 'src/a.ts', line: 7 });
  assert.deepEqual(classifyLink('file:///home/u/proj/b%20c.md', root), { kind: 'file', path: 'b c.md' });
  assert.deepEqual(classifyLink('/home/u/proj/x.ts', root), { kind: 'file', path: 'x.ts' });
  for (const bad of ['command:workbench.action.terminal.new', 'vscode://x', 'javascript:alert(1)', 'data:text/html,x', '../secret', '/etc/passwd', 'file:///etc/passwd', '']) {
    assert.equal(classifyLink(bad, root).kind, 'refused', bad);
  }
  assert.equal(classifyLink('src/a.ts', undefined).kind, 'refused');
});

test('fuzzy filter: in-order characters, file-name and prefix matches first, capped', () => {
  const files = ['src/host/extension.ts', 'src/core/agent/types.ts', 'test/unit/host/batcher.test.ts', 'src/host/rpc/batcher.ts', 'README.md'];
  assert.deepEqual(fuzzyFilter('batcher', files, 10), ['src/host/rpc/batcher.ts', 'test/unit/host/batcher.test.ts']);
  assert.deepEqual(fuzzyFilter('ext', files, 10)[0], 'src/host/extension.ts');
  assert.deepEqual(fuzzyFilter('zzz', files, 10), []);
  assert.equal(fuzzyFilter('', files, 2).length, 2);
  assert.deepEqual(fuzzyFilter('agtyp', files, 10), ['src/core/agent/types.ts']);
  assert.deepEqual(fuzzyFilter('BATCHER.TS', files, 1), ['src/host/rpc/batcher.ts']);
});

test('ripgrep: the bundled rg is found in either layout; missing is undefined', async () => {
  const app = '/opt/code/resources/app';
  const unpacked = path.join(app, 'node_modules.asar.unpacked/@vscode/ripgrep/bin/rg');
  assert.equal(await findRipgrep(app, 'linux', async (f) => f === unpacked), unpacked);
  assert.equal(await findRipgrep(app, 'linux', async () => false), undefined);
  assert.equal(await findRipgrep('', 'linux', async () => true), undefined);
  assert.ok(ripgrepCandidates(app, 'win32').every((c) => c.endsWith('rg.exe')));
  assert.equal(ripgrepCandidates(app, 'linux')[0], path.join(app, 'node_modules/@vscode/ripgrep/bin/rg'));
});

/** Applies ranges the way an editor does (all in old coordinates), over editor lines. */
function applyRanges(text: string, edits: RangeEdit[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offset = (p: { line: number; character: number }) => lineStarts[p.line] + p.character;
  let out = text;
  for (const e of [...edits].reverse()) out = out.slice(0, offset(e.start)) + e.text + out.slice(offset(e.end));
  return out;
}

test('line edits become editor ranges that reproduce the new text exactly', () => {
  const cases: [string, string][] = [
    ['a\nb\nc\n', 'a\nB\nc\n'],
    ['a\nb\nc', 'a\nb\nc\nd'],
    ['a\nb\nc', 'a\nb'],
    ['a\r\nb\r\nc\r\n', 'a\r\nx\r\ny\r\nc\r\n'],
    ['', 'new\nfile\n'],
    ['only', ''],
    ['x\n', 'y\nx\n'],
    ['1\n2\n3\n4\n5\n', '0\n1\n3\n4\n5\n6\n'],
    ['keep\n', 'keep'],
  ];
  for (const [before, after] of cases) {
    const ranges = lineEditRanges(before, computeLineEdits(before, after));
    assert.equal(applyRanges(before, ranges), after, JSON.stringify([before, after]));
  }
  // untouched lines are not part of any edit
  const ranges = lineEditRanges('a\nb\nc\n', computeLineEdits('a\nb\nc\n', 'a\nB\nc\n'));
  assert.deepEqual(ranges, [{ start: { line: 1, character: 0 }, end: { line: 2, character: 0 }, text: 'B\n' }]);
  assert.equal(canEditAsLines('a\r\nb'), true);
  assert.equal(canEditAsLines('a\rb'), false);
});

test('webview HTML: nonce-only scripts, no inline styles, only our own resources', () => {
  const nonce = makeNonce();
  assert.match(nonce, /^[A-Za-z0-9_-]{24}$/);
  assert.notEqual(nonce, makeNonce());
  const csp = contentSecurityPolicy('https://x.vscode-cdn.net', nonce);
  assert.equal(csp, `default-src 'none'; script-src 'nonce-${nonce}'; style-src https://x.vscode-cdn.net; img-src https://x.vscode-cdn.net data:; font-src https://x.vscode-cdn.net`);
  assert.equal(csp.includes('unsafe'), false);
  const html = renderHtml({ cspSource: 'https://x.vscode-cdn.net', nonce, scriptUri: 'https://x/dist/webview.js', styleUri: 'https://x/dist/webview.css', codiconUri: 'https://x/dist/media/codicon.css' });
  assert.match(html, new RegExp(`<script nonce="${nonce}" src="https://x/dist/webview.js"></script>`));
  assert.match(html, /<link rel="stylesheet" href="https:\/\/x\/dist\/webview.css">/);
  assert.match(html, /<div id="root"><\/div>/);
  // the codicon font's stylesheet is one of our files (vscode-elements finds it by this id)
  assert.match(html, /<link rel="stylesheet" id="vscode-codicon-stylesheet" href="https:\/\/x\/dist\/media\/codicon.css">/);
  // one executable script; the l10n bundle is a JSON data block (never executed), {} in English
  assert.equal((html.match(/<script nonce=/g) ?? []).length, 1);
  assert.match(html, /<script type="application\/json" id="tandem-l10n">\{\}<\/script>/);
  assert.match(html, /<html lang="en">/);
});

test('webview HTML: the l10n bundle cannot end its data block, and the language is set', () => {
  const html = renderHtml({
    cspSource: 'c', nonce: 'n', scriptUri: 's', styleUri: 't', codiconUri: 'u', lang: 'de',
    l10n: { Send: 'Senden', evil: '</script><script>alert(1)</script>' },
  });
  assert.match(html, /<html lang="de">/);
  assert.equal((html.match(/<\/script>/g) ?? []).length, 2, 'only the two real script ends');
  const data = /<script type="application\/json" id="tandem-l10n">(.*?)<\/script>/.exec(html)![1];
  assert.deepEqual(JSON.parse(data), { Send: 'Senden', evil: '</script><script>alert(1)</script>' });
});
