import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DeltaBatcher } from '../../../src/host/rpc/batcher';
import { FakeClock } from './fakes';

function setup(interval?: number) {
  const clock = new FakeClock();
  const posts: { itemId: string; text: string; at: number }[] = [];
  const batcher = new DeltaBatcher((itemId, text) => posts.push({ itemId, text, at: clock.now() }), clock, interval);
  return { clock, posts, batcher };
}

test('a token every millisecond for a second is flushed at most ~30 times', () => {
  const { clock, posts, batcher } = setup();
  let expected = '';
  for (let ms = 0; ms < 1000; ms++) {
    const token = `t${ms} `;
    expected += token;
    batcher.push('a', token);
    clock.advance(1);
  }
  clock.advance(100);
  assert.ok(posts.length <= 31, `flushed ${posts.length} times`);
  assert.ok(posts.length >= 20, `flushed only ${posts.length} times: not streaming`);
  // nothing lost, nothing reordered
  assert.equal(posts.map((p) => p.text).join(''), expected);
  // flushes are spaced by the interval
  for (let i = 1; i < posts.length; i++) assert.ok(posts[i].at - posts[i - 1].at >= 33, `gap ${posts[i].at - posts[i - 1].at}`);
});

test('one post per item per flush, text concatenated in arrival order, items in first-delta order', () => {
  const { clock, posts, batcher } = setup();
  batcher.push('b', 'B1');
  batcher.push('a', 'A1');
  batcher.push('b', 'B2');
  batcher.push('a', 'A2');
  batcher.push('a', '');
  clock.advance(0);
  assert.deepEqual(
    posts.map(({ itemId, text }) => ({ itemId, text })),
    [
      { itemId: 'b', text: 'B1B2' },
      { itemId: 'a', text: 'A1A2' },
    ],
  );
});

test('the first delta after a quiet period goes out on the next tick', () => {
  const { clock, posts, batcher } = setup();
  batcher.push('a', 'x');
  assert.equal(posts.length, 0, 'never synchronously');
  clock.advance(0);
  assert.equal(posts.length, 1);
  clock.advance(500);
  batcher.push('a', 'y');
  clock.advance(0);
  assert.equal(posts.length, 2);
});

test('flushItem posts only that item, before its completion, and the timer posts the rest', () => {
  const { clock, posts, batcher } = setup();
  batcher.push('a', 'x');
  clock.advance(0);
  batcher.push('a', 'y');
  batcher.push('b', 'z');
  batcher.flushItem('a');
  assert.deepEqual(posts.slice(1).map((p) => p.itemId + p.text), ['ay']);
  batcher.flushItem('a'); // nothing pending: no empty post
  assert.equal(posts.length, 2);
  clock.advance(100);
  assert.deepEqual(posts.slice(2).map((p) => p.itemId + p.text), ['bz']);
});

test('clear drops pending text and its timer', () => {
  const { clock, posts, batcher } = setup();
  batcher.push('a', 'x');
  batcher.clear();
  assert.equal(clock.pending, 0);
  clock.advance(100);
  assert.equal(posts.length, 0);
});

test('flushAll posts everything now', () => {
  const { posts, batcher } = setup();
  batcher.push('a', '1');
  batcher.push('b', '2');
  batcher.flushAll();
  assert.deepEqual(posts.map((p) => p.itemId + p.text), ['a1', 'b2']);
  assert.equal(batcher.hasPending, false);
});
