// `tandem review` flags: targets, formats, thresholds, hooks, and the example workflow's
// command line (so the documented CI setup cannot drift from the parser).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseReview } from '../../../src/cli/reviewArgs';
import { hookScript, selfCommand, shQuote } from '../../../src/cli/reviewHook';

const flags = (argv: string[]) => {
  const c = parseReview(argv);
  assert.equal(c.kind, 'review');
  return (c as Extract<typeof c, { kind: 'review' }>).flags;
};

test('defaults: text, P1, 0.3, verify auto; --json is --format json', () => {
  const f = flags([]);
  assert.deepEqual([f.format, f.minPriority, f.minConfidence, f.verify, f.staged, f.sarifFile], ['text', 1, 0.3, 'auto', false, undefined]);
  assert.equal(flags(['--json']).format, 'json');
  assert.deepEqual([flags(['--min-priority', 'p3']).minPriority, flags(['--min-priority', '0']).minPriority], [3, 0]);
  assert.equal(flags(['--min-confidence', '0.75']).minConfidence, 0.75);
});

test('bad values and contradictions are one-line usage errors', () => {
  const bad: [string[], RegExp][] = [
    [['--min-priority', 'P4'], /--min-priority must be one of P0, P1, P2, P3 \(got "P4"\)/],
    [['--min-confidence', '2'], /--min-confidence must be a number from 0 to 1/],
    [['--min-confidence', ''], /--min-confidence must be a number from 0 to 1/],
    [['--format', 'xml'], /--format must be one of text, json, github, sarif/],
    [['--json', '--format', 'sarif'], /--json and --format sarif contradict/],
    [['--staged', '--commit', 'HEAD'], /Use one of --commit, --staged, not several/],
    [['--verify', 'sometimes'], /--verify must be one of auto, always, never/],
    [['main'], /review takes no arguments \(got "main"\)/],
  ];
  for (const [argv, re] of bad) assert.throws(() => parseReview(argv), re, argv.join(' '));
});

test('hooks: install and uninstall name a hook; flags given at install are passed on by the hook', () => {
  const c = parseReview(['--install-hook', 'pre-push', '--model', 'm x', '--min-priority', 'P0']);
  assert.equal(c.kind, 'review-hook');
  if (c.kind !== 'review-hook') return;
  assert.deepEqual([c.action, c.hook], ['install', 'pre-push']);
  const script = hookScript('pre-push', ['/usr/bin/node', '/opt/tandem cli.js'], c.flags);
  assert.match(script, /^#!\/bin\/sh\n# tandem-review-hook \(pre-push\)/);
  assert.match(script, / {2}\/usr\/bin\/node '\/opt\/tandem cli\.js' review --model 'm x' --min-priority P0 --min-confidence 0\.3 --base "\$base" <\/dev\/null \|\| status=\$\?/);
  assert.equal(shQuote("it's"), `'it'\\''s'`);
  assert.throws(() => parseReview(['--install-hook', 'pre-push', '--uninstall-hook', 'pre-push']), /not both/);
});

test('selfCommand makes a package-named --import loader absolute, so the hook runs anywhere', () => {
  const [node, ...rest] = selfCommand(['--import', 'tsx', '--enable-source-maps'], 'src/cli/main.ts');
  assert.equal(node, process.execPath);
  assert.match(rest[1], /^file:\/\/.*\/node_modules\/tsx\/dist\/loader\.mjs$/);
  assert.deepEqual([rest[0], rest[2], rest[3]], ['--import', '--enable-source-maps', path.resolve('src/cli/main.ts')]);
  assert.match(selfCommand(['--import=tsx'], 'x.js')[1], /^--import=file:\/\//);
});

test('the example GitHub Actions workflow uses flags the parser accepts, with full history checked out', () => {
  const yml = readFileSync(path.join(__dirname, '../../../examples/github-actions/tandem-review.yml'), 'utf8');
  assert.match(yml, /fetch-depth: 0/);
  const run = /run: >\n((?: {10}.*\n)+)/.exec(yml)![1].replace(/\s+/g, ' ').trim();
  const words = (run.match(/"[^"]*"|\S+/g) ?? []).map((a) => a.replace(/^"|"$/g, ''));
  assert.deepEqual(words.slice(0, 2), ['tandem', 'review']);
  const argv = words.slice(2);
  const f = flags(argv);
  assert.deepEqual([f.base, f.format, f.sarifFile, f.minPriority], ['origin/${{ github.base_ref }}', 'github', 'tandem-review.sarif', 1]);
});
