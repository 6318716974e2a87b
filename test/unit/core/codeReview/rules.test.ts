// Review rules from AGENTS.md: sections whose heading mentions review, with their
// sub-sections, up to the next heading of the same level; fences are not headings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadReviewRules, reviewSections } from '../../../../src/core/codeReview/rules';

const DOC = `# Project

Build with make.

## Code Review Rules
- Flag any SQL built by string concatenation as P0.

### Reviewing tests
Tests may use sleep.

## Style
Tabs.

\`\`\`md
## Review inside a fence is not a heading
\`\`\`

Review notes
------------
Ignore generated files under gen/.

# Reviews
`;

test('reviewSections takes each review section with its sub-sections, setext headings too, and skips empty ones and fences', () => {
  assert.deepEqual(reviewSections(DOC), [
    '## Code Review Rules\n- Flag any SQL built by string concatenation as P0.\n\n### Reviewing tests\nTests may use sleep.',
    'Review notes\n------------\nIgnore generated files under gen/.',
  ]);
  assert.deepEqual(reviewSections('# Preview\ntext'), [], 'a word containing "review" is not a review heading');
  assert.deepEqual(reviewSections('no headings at all\n'), []);
  assert.deepEqual(reviewSections('## review\r\nCRLF works\r\n'), ['## review\nCRLF works']);
});

test('loadReviewRules reads the global and the project AGENTS.md files, labelled by source', async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'tandem-rules-'));
  const global = mkdtempSync(path.join(os.tmpdir(), 'tandem-rules-home-'));
  mkdirSync(path.join(root, '.git'));
  mkdirSync(path.join(root, 'pkg'));
  writeFileSync(path.join(root, 'AGENTS.md'), DOC);
  writeFileSync(path.join(root, 'pkg', 'AGENTS.md'), '## Review\nPublic functions keep their signatures.\n');
  writeFileSync(path.join(global, 'AGENTS.md'), '# Mine\n## Review guidelines\nNo nits.\n');
  const rules = await loadReviewRules(path.join(root, 'pkg'), global);
  assert.match(rules, /^<review-rules source="global AGENTS.md">\n## Review guidelines\nNo nits.\n<\/review-rules>/);
  assert.match(rules, /<review-rules source="..\/AGENTS.md">\n## Code Review Rules[\s\S]*Ignore generated files under gen\/.\n<\/review-rules>/);
  assert.match(rules, /<review-rules source="AGENTS.md">\n## Review\nPublic functions keep their signatures.\n<\/review-rules>$/);
  assert.doesNotMatch(rules, /Build with make|Tabs/);
  assert.equal(await loadReviewRules(mkdtempSync(path.join(os.tmpdir(), 'tandem-rules-none-'))), '');
});
