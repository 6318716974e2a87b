// Incremental markdown: block splitting, block reuse and the append-only DOM patch rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderMarkdown, splitBlocks } from '../../../webview/markdown/render';
import { renderBlocks } from '../../../webview/markdown/Markdown';
import { appendedText, initialHtml } from '../../../webview/markdown/livePatch';
import { conflictsInOutcomes } from '../../../webview/components/changes/diffRows';

const DOC = '# Title\n\nPara one\nline two\n\n- a\n- b\n\n  more\n\n```ts\nx\n\ny\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nlast <b>para</b> [l](javascript:alert(1)) ![i](http://x/y.png)';

test('splitBlocks cuts at top-level blocks; the parts rejoin to the text and render as the whole does', () => {
  const parts = splitBlocks(DOC);
  assert.equal(parts.length, 6);
  assert.equal(parts.join(''), DOC);
  assert.equal(parts.map((p) => renderMarkdown(p).html).join(''), renderMarkdown(DOC).html);
  // a fence with blank lines inside stays one block; an unclosed fence runs to the end
  assert.deepEqual(splitBlocks('a\n\n```\nx\n\ny'), ['a\n\n', '```\nx\n\ny']);
  // reference definitions apply document-wide: no split
  assert.deepEqual(splitBlocks('see [x]\n\n[x]: https://a.b'), ['see [x]\n\n[x]: https://a.b']);
  assert.deepEqual(splitBlocks(''), []);
});

test('the safety rules hold per block: no raw HTML, no unsafe hrefs, no images', () => {
  const html = renderBlocks(DOC).map((b) => b.html).join('');
  assert.ok(!html.includes('<b>'), html);
  assert.ok(!/ href=|<img/i.test(html), html);
  assert.ok(!/data-href="javascript/i.test(html), html);
});

test('streaming re-renders only the last block; code indices stay global', () => {
  const first = renderBlocks('```\none\n```\n\nsome text');
  const second = renderBlocks('```\none\n```\n\nsome text growing\n\n```\ntwo\n```', first);
  assert.equal(second[0], first[0], 'a finished block is reused, not re-rendered');
  assert.notEqual(second[1], first[1]);
  assert.deepEqual(second.flatMap((b) => b.codes), ['one\n', 'two\n']);
  assert.match(second[2].html, /data-code="1"/);
});

test('appendedText accepts only plain text grown at the end of the last text', () => {
  assert.deepEqual(appendedText('<p>w1 w2</p>\n', '<p>w1 w2 w3</p>\n'), { text: ' w3', trailing: 1 });
  assert.deepEqual(appendedText('<pre><code>a\n</code></pre></div>\n', '<pre><code>a\nb\n</code></pre></div>\n'), { text: 'b\n', trailing: 1 });
  assert.equal(appendedText('<p>a **b</p>\n', '<p>a <strong>b</strong></p>\n'), undefined); // markup changed
  assert.equal(appendedText('<p>a</p>\n', '<p>a &amp; b</p>\n'), undefined); // entity: not plain text
  assert.equal(appendedText('<p><a class="md-link">x</a></p>\n', '<p><a class="md-link">x</a> y</p>\n'), undefined); // after an element
  assert.equal(appendedText('<ul>\n<li>a</li>\n</ul>\n', '<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n'), undefined);
  assert.equal(initialHtml(['<p>a</p>\n', '<p>b</p>\n']), '<!--md--><p>a</p>\n<!--md--><p>b</p>\n');
});

test('conflicts of an all-files apply come from the structured outcomes', () => {
  const found = conflictsInOutcomes([
    { path: 'a.ts', status: 'applied' },
    { path: 'b (1).ts', status: 'conflict', detail: 'the file changed on disk' },
    { path: 'c.ts', status: 'rejected', detail: 'no' },
  ]);
  assert.deepEqual([...found], [['b (1).ts', 'Not applied: b (1).ts (the file changed on disk).']]);
});

test('a protected change an all-files apply left staged is shown next to its file, with why', () => {
  const found = conflictsInOutcomes([
    { path: 'a.ts', status: 'applied' },
    { path: '.vscode/settings.json', status: 'held', detail: '.vscode/settings.json is protected (editor settings): it was left pending; apply it on its own after reviewing it.' },
  ]);
  assert.deepEqual([...found], [['.vscode/settings.json', 'Not applied: .vscode/settings.json is protected (editor settings): it was left pending; apply it on its own after reviewing it.']]);
});
