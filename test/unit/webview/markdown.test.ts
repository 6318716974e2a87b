// Model output must not be able to run script, load anything or navigate by itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createElement as h } from 'react';
import { renderToString } from 'react-dom/server';
import { Markdown } from '../../../webview/markdown/Markdown';
import { isAllowedHref, renderMarkdown } from '../../../webview/markdown/render';

const html = (text: string) => renderToString(h(Markdown, { text }));

test('raw HTML is escaped, not parsed', () => {
  const out = html('Hi <script>alert(1)</script> <b onclick="x()">b</b>\n\n<div onmouseover="x()">block</div>');
  assert.doesNotMatch(out, /<script/i);
  assert.doesNotMatch(out, /<b /);
  assert.doesNotMatch(out, /<div onmouseover/);
  assert.match(out, /&lt;script&gt;/);
});

test('no <img> at all: neither raw HTML images nor markdown images load anything', () => {
  const out = html('<img src="http://evil.test/a.png" onerror="x()">\n\n![diagram](https://evil.test/b.png "t")\n\n![data](data:image/png;base64,AAAA)\n\n[![badge](https://evil.test/c.svg)](https://ok.test)');
  assert.doesNotMatch(out, /<img/i);
  assert.doesNotMatch(out, /<[^>]*\ssrc=/i, 'no element has a src attribute');
  assert.match(out, /diagram/, 'the alt text stays readable');
  assert.doesNotMatch(out, /<a [^>]*>[^<]*(<(?!\/a)[^>]*>[^<]*)*<a /, 'an image inside a link does not nest links');
});

test('links carry no href; the target travels in data-href for the host to open', () => {
  const out = html('[docs](https://example.com/a?b=1) and <https://auto.test/x> and https://bare.test');
  assert.doesNotMatch(out, /\shref=/i);
  assert.match(out, /data-href="https:\/\/example.com\/a\?b=1"/);
  assert.match(out, /data-href="https:\/\/auto.test\/x"/);
  assert.match(out, /data-href="https:\/\/bare.test"/);
  assert.match(out, /role="link"/);
});

test('javascript:, data:, vbscript:, file:, command: and protocol-relative links stay text', () => {
  const out = html(
    '[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](data:text/html,x) [d](vbscript:x) [e](file:///etc/passwd) ' +
      '[f](command:workbench.action.quit) [g](//evil.test/x) [h](java&#x09;script:alert(1)) <javascript:alert(1)>',
  );
  assert.doesNotMatch(out, /data-href/);
  assert.doesNotMatch(out, /\shref=/i);
  for (const bad of ['javascript:x', ' javascript:x', 'java\tscript:x', 'java%09script:x', 'data:x', 'vscode://x', 'command:x', '//x.test', 'C:\\x']) {
    assert.equal(isAllowedHref(bad), false, bad);
  }
  for (const ok of ['https://x.test', 'http://x.test', 'mailto:a@b.test', 'src/a.ts', '#anchor']) assert.equal(isAllowedHref(ok), true, ok);
});

test('bare file names are not turned into web links', () => {
  assert.doesNotMatch(html('Edit README.md and main.py'), /data-href/);
});

test('code blocks keep their source for Copy and Insert at cursor, escaped in the markup', () => {
  const r = renderMarkdown('```ts\nconst a = "<b>";\n```\n\n    indented();\n');
  assert.deepEqual(r.codes, ['const a = "<b>";\n', 'indented();\n']);
  // icon buttons with a name and a tooltip
  assert.match(r.html, /data-action="copy" data-code="0" aria-label="Copy code" title="Copy code"><span class="codicon codicon-copy"/);
  assert.match(r.html, /data-action="insert" data-code="1" aria-label="Insert code at cursor" title="Insert code at cursor">/);
  assert.match(r.html, /&lt;b&gt;/);
  assert.match(r.html, /class="md-code-lang" translate="no">ts</);
});

test('a finished code block is highlighted, an unclosed (streaming) one stays plain text', () => {
  const done = renderMarkdown('```ts\nconst a = "<b>"; // note\n```\n');
  assert.match(done.html, /<code class="hl"><span class="tk-keyword">const<\/span> a <span class="tk-operator">=<\/span> <span class="tk-string">"&lt;b&gt;"<\/span>/);
  assert.match(done.html, /<span class="tk-comment">\/\/ note<\/span>/);
  assert.deepEqual(done.codes, ['const a = "<b>"; // note\n'], 'Copy gets the source, not the markup');
  const streaming = renderMarkdown('```ts\nconst a = "<b>";\nconst b');
  assert.doesNotMatch(streaming.html, /tk-|class="hl"/);
  assert.match(streaming.html, /<code>const a = &quot;&lt;b&gt;&quot;;\nconst b<\/code>/);
  // an unknown language, or none, is shown plain
  assert.doesNotMatch(renderMarkdown('```klingon\nqapla\n```\n').html, /class="hl"/);
  // a longer closing fence closes it too; a shorter one does not
  assert.match(renderMarkdown('````py\nx = 1\n`````\n').html, /class="hl"/);
  assert.doesNotMatch(renderMarkdown('````py\nx = 1\n```\n').html, /class="hl"/);
});
