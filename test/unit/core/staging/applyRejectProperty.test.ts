// Property-style check of partial applies on top of concurrent user edits: applying a
// staged change hunk by hunk, in random slices, must land exactly what one three-way
// merge of the whole change would, and a merge conflict must never write anything.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { merge3 } from '../../../../src/core/staging/hunks';
import { enc, fixture, mutateText, randomEditPair, rng } from './helpers';

test('random partial applies over random user edits equal one merge (fixed seed)', async () => {
  const next = rng(4242);
  let clean = 0;
  let conflicted = 0;
  for (let iter = 0; iter < 60; iter++) {
    const { oldText: base, newText: agent } = randomEditPair(next);
    const r = next();
    // The user: no edit, edits of the same text, or an unrelated rewrite.
    const user = r < 0.2 ? base : r < 0.9 ? mutateText(next, base, 4) : randomEditPair(next).newText;
    if (agent === base) continue;
    const f = await fixture({ 'f.txt': base });
    await f.area.writeFile('f.txt', enc(agent));
    await f.put('f.txt', user);
    const expected = merge3(user, base, agent);
    for (let round = 0; round < 20; round++) {
      const [change] = await f.area.changes();
      if (!change) break;
      const subset = change.hunks.filter(() => next() < 0.5).map((h) => h.id);
      const before = await f.disk('f.txt');
      const outcome = await f.area.apply('f.txt', subset.length ? subset : undefined);
      if (outcome.status === 'conflict') {
        assert.equal(expected.clean, false, JSON.stringify({ base, agent, user }));
        assert.equal(await f.disk('f.txt'), before, 'a conflict writes nothing');
        conflicted++;
        break;
      }
    }
    if (expected.clean) {
      assert.equal(await f.disk('f.txt'), expected.text, JSON.stringify({ base, agent, user }));
      assert.deepEqual(await f.area.changes(), []);
      clean++;
    }
  }
  assert.ok(clean > 10 && conflicted > 0, `exercised both paths (clean ${clean}, conflicted ${conflicted})`);
});
