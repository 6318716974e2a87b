// BENCHMARKS.md is rewritten by every bench run: hand-written sections must survive it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { handWrittenSections } from '../../../bench/lib/report';

test('a bench run keeps the sections no area writes, in order, and drops the ones it rewrites', () => {
  const md = ['# Benchmarks', '', 'intro', '', '## 1. Weight', '', 'old table', '', '## Before/after: X', '', '| a |', '',
    '## 2. Streaming', 'old', '## Notes', 'kept text', '## Budgets missed', '', '- old miss', ''].join('\n');
  const kept = handWrittenSections(md, ['1. Weight', '2. Streaming']);
  assert.deepEqual(kept, ['## Before/after: X\n\n| a |\n', '## Notes\nkept text\n']);
});
