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

/** The most posts in any closed window of `ms` (both ends counted, as the bench counts). */
function peak(times: number[], ms = 1000): number {
  let best = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i] - times[j] > ms) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

test('never more than 30 flushes in any 1 s window: several items, quiet spells and take() at item ends', () => {
  const { clock, posts, batcher } = setup();
  const sent = new Map<string, string>();
  const taken = new Map<string, string>();
  for (let ms = 0; ms < 5000; ms++) {
    // three items streaming at once for a while, then one, with a quiet spell between
    const items = ms < 2000 ? ['a', 'b', 'c'] : ms > 2500 ? ['d'] : [];
    for (const id of items) {
      batcher.push(id, `${id}${ms};`);
      sent.set(id, (sent.get(id) ?? '') + `${id}${ms};`);
    }
    // an item completes: its pending tail rides in item/completed, not a post
    if (ms === 1999) for (const id of ['a', 'b', 'c']) taken.set(id, batcher.take(id));
    clock.advance(1);
  }
  clock.advance(2000);
  // one flush = one post (the WebviewChannel posts a flush's emits as one); timed flushes never share an instant
  const flushes = [...new Set(posts.map((p) => p.at))];
  assert.ok(peak(flushes) <= 30, `peak ${peak(flushes)}`);
  // several items in one flush: all of them go out together, none waits for a later flush
  assert.ok(posts.filter((p) => p.at === posts[0].at).length === 3, 'the first flush carries a, b and c');
  for (const [id, text] of sent) {
    const got = posts.filter((p) => p.itemId === id).map((p) => p.text).join('') + (taken.get(id) ?? '');
    assert.equal(got, text, `item ${id} lost or reordered text`);
  }
});

test('forced flushes count toward the spacing: the next timed flush waits a full interval', () => {
  const { clock, posts, batcher } = setup(34);
  batcher.push('a', 'x');
  clock.advance(0); // first delta after quiet: posted at once
  clock.advance(20);
  batcher.push('b', 'y');
  batcher.flushItem('b'); // forced at t=20
  batcher.push('a', 'z');
  clock.advance(30); // t=50: only 30 ms after the forced post
  assert.deepEqual(posts.map((p) => p.at), [0, 20]);
  clock.advance(10);
  assert.deepEqual(posts.map((p) => [p.at, p.text]), [[0, 'x'], [20, 'y'], [54, 'z']]);
});

test('a flush is one post: three items streaming together are never held back by each other', () => {
  const { clock, posts, batcher } = setup();
  for (let ms = 0; ms < 2000; ms++) {
    for (const id of ['a', 'b', 'c']) batcher.push(id, `${id}${ms};`);
    clock.advance(1);
  }
  const flushes = [...new Set(posts.map((p) => p.at))];
  assert.ok(flushes.length >= 45, `only ${flushes.length} flushes in 2 s`);
  for (const at of flushes) assert.equal(posts.filter((p) => p.at === at).length, 3, `flush at ${at} left items waiting`);
  for (let i = 1; i < flushes.length; i++) assert.ok(flushes[i] - flushes[i - 1] <= 39, `gap ${flushes[i] - flushes[i - 1]} ms`);
});
