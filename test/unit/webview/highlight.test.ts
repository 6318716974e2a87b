// Syntax highlighting: languages by fence word and file name, escaping, and the split
// into lines that keeps a multi-line comment coloured on every line it spans.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { highlightHtml, highlightLines, languageForPath, languageOf } from '../../../webview/highlight/highlight';
import { highlightRows } from '../../../webview/components/changes/DiffView';
import { diffRows } from '../../../webview/components/changes/diffRows';

test('languages: fence words and aliases, file names and extensions; unknown ones are not highlighted', () => {
  assert.equal(languageOf('ts'), 'typescript');
  assert.equal(languageOf('Python'), 'python');
  assert.equal(languageOf('sh'), 'bash');
  assert.equal(languageOf('c++'), 'cpp');
  assert.equal(languageOf('klingon'), undefined);
  assert.equal(languageOf('extend'), undefined, "Prism's helpers are not languages");
  assert.equal(languageForPath('src/a.tsx'), 'tsx');
  assert.equal(languageForPath('deploy/Dockerfile'), 'docker');
  assert.equal(languageForPath('Makefile'), 'makefile');
  assert.equal(languageForPath('README'), undefined);
  assert.equal(highlightHtml('x', undefined), undefined);
});

test('every curated language highlights (Prism grammars load in dependency order)', () => {
  const samples: Record<string, string> = {
    ts: 'const a: number = 1;', tsx: 'const a = <div className="x" />;', js: 'let a = 1;', jsx: 'const b = <b>x</b>;', py: 'def f(): return 1',
    bash: 'echo "hi" && ls', json: '{"a": 1}', css: 'a { color: red; }', html: '<a href="x">y</a>', go: 'func main() {}', rust: 'fn main() {}',
    java: 'class A {}', c: 'int main(void) { return 0; }', cpp: 'int main() { return 0; }', cs: 'class A {}', yaml: 'a: 1', sql: 'SELECT 1;',
    diff: '+a\n-b', rb: 'def a; end', kt: 'fun main() {}', swift: 'let a = 1', ini: '[a]\nb=1', toml: 'a = 1', dockerfile: 'FROM node', make: 'all:\n\techo', ps1: 'Write-Host "a"',
  };
  for (const [lang, code] of Object.entries(samples)) {
    const html = highlightHtml(code, lang);
    assert.ok(html && /class="tk-/.test(html), `${lang} gives tokens: ${html}`);
  }
});

test('the output is escaped; a token spanning lines is closed and reopened on each line', () => {
  const lines = highlightLines('/* one <b>\n two */ const a = "&";', 'ts')!;
  assert.equal(lines.length, 2);
  assert.equal(lines[0], '<span class="tk-comment">/* one &lt;b&gt;</span>');
  assert.match(lines[1], /^<span class="tk-comment"> two \*\/<\/span> <span class="tk-keyword">const<\/span>/);
  assert.match(lines[1], /<span class="tk-string">"&amp;"<\/span>/);
  assert.doesNotMatch(lines.join(''), /<b>/);
});

test('a diff highlights each side as one text and puts each line in its row', () => {
  const rows = diffRows({ id: 'h', header: '@@ -1,3 +1,3 @@', lines: [' /* start', '-old */ const a = 1;', '+new */ const a = 2;', ' end();'] });
  const html = highlightRows(rows, 'typescript');
  assert.equal(html.length, rows.length);
  // the comment opened in the context line continues on both the removed and the added line
  assert.match(html[1]!, /^<span class="tk-comment">old \*\/<\/span>/);
  assert.match(html[2]!, /^<span class="tk-comment">new \*\/<\/span>/);
  assert.match(html[3]!, /tk-function/);
  assert.deepEqual(highlightRows(rows, undefined), [undefined, undefined, undefined, undefined]);
});
