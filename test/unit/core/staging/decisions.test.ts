// The sentences telling the agent what the user decided must stay true over any mix of
// per-hunk and per-file applies and rejects: after part of a file was applied, rejecting
// the rest is not "rejected <file> entirely", and applying the rest is not "all N hunks".
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { enc, fixture, numbered, replaceLine } from './helpers';

const BASE = numbered(30);
const AGENT = replaceLine(replaceLine(replaceLine(BASE, 2, 'two'), 15, 'fifteen'), 28, 'twenty-eight');
const AGENT_LINES = ['two', 'fifteen', 'twenty-eight'];

type Op = 'applyFirst' | 'applyLast' | 'rejectFirst' | 'rejectLast' | 'applyFile' | 'rejectFile' | 'userEditsWorkspace';
const OPS: Op[] = ['applyFirst', 'applyLast', 'rejectFirst', 'rejectLast', 'applyFile', 'rejectFile', 'userEditsWorkspace'];

/**
 * What the sentences claim, in hunks of the agent's change to a.ts (3 in all). "entirely"
 * and a bare "applied a.ts" claim the whole file.
 */
function claimed(sentences: string[]): { applied: number; rejected: number } {
  let applied = 0;
  let rejected = 0;
  for (const s of sentences) {
    let m: RegExpMatchArray | null;
    if ((m = s.match(/^applied (\d+) of (?:the remaining )?\d+ hunks? in a\.ts/))) applied += Number(m[1]);
    else if ((m = s.match(/^applied the remaining (\d+) hunks? in a\.ts/))) applied += Number(m[1]);
    else if ((m = s.match(/^applied a\.ts \(all (\d+) hunks\)/))) applied += Number(m[1]);
    else if (/^applied a\.ts(,|$)/.test(s)) applied += 3;
    else if ((m = s.match(/^rejected (\d+) hunks? in a\.ts/))) rejected += Number(m[1]);
    else if ((m = s.match(/^rejected the remaining (\d+) hunks? in a\.ts/))) rejected += Number(m[1]);
    else if (/^rejected a\.ts entirely/.test(s)) rejected += 3;
    else assert.fail(`unexpected sentence: ${s}`);
  }
  return { applied, rejected };
}

async function run(ops: Op[]): Promise<void> {
  const f = await fixture({ 'a.ts': BASE });
  await f.area.writeFile('a.ts', enc(AGENT));
  for (const op of ops) {
    const [change] = await f.area.changes();
    if (!change) break;
    const hunks = change.hunks;
    if (op === 'applyFirst') await f.area.apply('a.ts', [hunks[0].id]);
    else if (op === 'applyLast') await f.area.apply('a.ts', [hunks[hunks.length - 1].id]);
    else if (op === 'rejectFirst') await f.area.reject('a.ts', [hunks[0].id]);
    else if (op === 'rejectLast') await f.area.reject('a.ts', [hunks[hunks.length - 1].id]);
    else if (op === 'applyFile') await f.area.apply('a.ts');
    else if (op === 'rejectFile') await f.area.reject('a.ts');
    else await f.put('a.ts', replaceLine((await f.disk('a.ts'))!, 8, `user ${ops.length}`));
  }
  const sentences = f.area.takeDecisions();
  const onDisk = (await f.disk('a.ts'))!.split('\n').filter((l) => AGENT_LINES.includes(l)).length;
  const left = (await f.area.changes())[0]?.hunks.length ?? 0;
  const said = claimed(sentences);
  const why = `${ops.join(', ')}:\n${sentences.join('\n')}`;
  assert.equal(said.applied, onDisk, `applied hunks reported = hunks in the workspace (${why})`);
  assert.equal(said.applied + said.rejected + left, 3, `every hunk is reported once (${why})`);
  // "entirely" only when nothing of the file was decided before.
  sentences.slice(1).forEach((s) => assert.doesNotMatch(s, /entirely/, why));
}

test('every sequence of hunk and file decisions is reported truthfully', async () => {
  const seqs: Op[][] = [[]];
  for (let len = 0; len < 3; len++) {
    for (const s of seqs.filter((x) => x.length === len)) for (const op of OPS) seqs.push([...s, op]);
  }
  for (const ops of seqs) await run(ops);
});

test('apply one hunk, then reject the rest: the agent hears both, exactly', async () => {
  const f = await fixture({ 'a.ts': BASE });
  await f.area.writeFile('a.ts', enc(AGENT));
  const [h1] = (await f.area.changes())[0].hunks;
  await f.area.apply('a.ts', [h1.id]);
  await f.area.reject('a.ts', undefined, 'not these');
  assert.deepEqual(f.area.takeDecisions(), [
    'applied 1 of 3 hunks in a.ts; the rest stay staged',
    'rejected the remaining 2 hunks in a.ts (1 applied earlier) (reason: not these)',
  ]);
  assert.equal(await f.disk('a.ts'), replaceLine(BASE, 2, 'two'));
});

test('earlier decisions survive reopening the session and the user editing the staged version', async () => {
  const f = await fixture({ 'a.ts': BASE });
  await f.area.writeFile('a.ts', enc(AGENT));
  const [h1, h2] = (await f.area.changes())[0].hunks;
  await f.area.apply('a.ts', [h1.id]);
  await f.area.reject('a.ts', [h2.id]);
  f.area.takeDecisions();
  const again = await f.reopen();
  // The user rewrites the staged version (the editable staged file): a fourth change.
  const staged = new TextDecoder().decode(await again.readFile('a.ts'));
  await again.writeFile('a.ts', enc(replaceLine(staged, 5, 'user five')));
  const [rest] = await again.changes();
  assert.equal(rest.hunks.length, 2);
  await again.apply('a.ts', [rest.hunks[1].id]);
  await again.apply('a.ts');
  assert.deepEqual(again.takeDecisions(), [
    'applied 1 of the remaining 2 hunks in a.ts (1 applied and 1 rejected earlier); the rest stay staged',
    'applied the remaining 1 hunk in a.ts (2 applied and 1 rejected earlier)',
  ]);
});

test('discarding everything after a partial apply says what remained', async () => {
  const f = await fixture({ 'a.ts': BASE, 'b.ts': BASE });
  await f.area.writeFile('a.ts', enc(AGENT));
  await f.area.writeFile('b.ts', enc(AGENT));
  const [a] = await f.area.changes();
  await f.area.apply('a.ts', [a.hunks[2].id]);
  f.area.takeDecisions();
  await f.area.discardAll();
  assert.deepEqual(f.area.takeDecisions(), ['rejected the remaining 2 hunks in a.ts (1 applied earlier)', 'rejected b.ts entirely']);
});
