// apply_patch against codex's own fixtures (its scenario trees and the cases of its unit
// tests, collected in peer-tests/codex-apply-patch): the same patch on the same files
// must leave the same tree, through the real tool and staging area. Where Tandem
// deliberately differs (it is safer), the case says how and that behaviour is checked
// instead, so every fixture is a test that can fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { applyPatchTool } from '../../../../src/core/tools/applyPatch';
import { peerTestsDir } from '../../../fakes/peerTests';
import { fixture } from '../staging/helpers';
import { makeContext } from '../tools/helpers';

type Tree = Record<string, string>;

interface Case {
  name: string;
  input: Tree;
  patch: string;
  /** The tree codex leaves (undefined when it refuses the patch). */
  expected?: Tree;
  fails: boolean;
}

/** Tandem's deliberate differences from codex: refuse instead, or leave this tree. */
const DIFFERS: Record<string, { why: string; expect: 'refused' | Tree }> = {
  '010_move_overwrites_existing_destination': { why: 'a move never overwrites a file', expect: 'refused' },
  '011_add_overwrites_existing_file': { why: 'an add never overwrites a file', expect: 'refused' },
  '015_failure_after_partial_success_leaves_changes': { why: 'a patch applies all or nothing', expect: 'refused' },
  derived_unanchored_repeated_context_takes_first_match: { why: 'ambiguous context is refused, never guessed', expect: 'refused' },
  tool_update_file_appends_trailing_newline: { why: 'a missing final newline stays missing', expect: { 'no_newline.txt': 'first line\nsecond line' } },
};

/** The files under `dir` (none when it is missing), by relative path. */
function readTree(dir: string): Tree {
  const out: Tree = {};
  if (!existsSync(dir)) return out;
  const walk = (rel: string) => {
    for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else out[r] = readFileSync(path.join(dir, r), 'utf8');
    }
  };
  walk('');
  return out;
}

function loadCases(dir: string): Case[] {
  const base = path.join(dir, 'codex-apply-patch');
  const outcomes = JSON.parse(readFileSync(path.join(base, 'scenario-outcomes.json'), 'utf8')) as Record<string, { fails: boolean }>;
  const scenarios = readdirSync(path.join(base, 'scenarios')).filter((n) => n in outcomes).sort();
  const cases: Case[] = scenarios.map((name) => {
    const s = path.join(base, 'scenarios', name);
    const fails = outcomes[name].fails;
    return { name, input: readTree(path.join(s, 'input')), patch: readFileSync(path.join(s, 'patch.txt'), 'utf8'), expected: fails ? undefined : readTree(path.join(s, 'expected')), fails };
  });
  const inline = JSON.parse(readFileSync(path.join(base, 'inline-cases.json'), 'utf8')) as (Omit<Case, 'fails'> & { fails?: boolean })[];
  for (const c of inline) cases.push({ ...c, fails: c.fails === true });
  return cases;
}

const dir = peerTestsDir();
const cases = dir && existsSync(path.join(dir, 'codex-apply-patch')) ? loadCases(dir) : [];

test('codex fixtures are present (else the cases below are skipped)', (t) => {
  if (!cases.length) t.skip('peer-tests/codex-apply-patch not found (set TANDEM_PEER_TESTS)');
  else assert.ok(cases.length > 60, `${cases.length} cases`);
});

for (const c of cases) {
  const differs = DIFFERS[c.name];
  test(`codex ${c.name}${differs ? ` (Tandem differs: ${differs.why})` : ''}`, async () => {
    const f = await fixture(c.input);
    const ctx = makeContext({ staging: f.area });
    const patch = c.patch.replaceAll('{{ROOT}}', f.root);
    let error: Error | undefined;
    try {
      await applyPatchTool.run({ patch }, ctx);
    } catch (err) {
      error = err as Error;
    }
    await f.area.applyAll();
    const after = readTree(f.root);
    const refuse = differs ? differs.expect === 'refused' : c.fails;
    if (refuse) {
      assert.ok(error, 'the patch must be refused');
      assert.deepEqual(after, c.input, 'a refused patch changes nothing');
      return;
    }
    assert.equal(error, undefined, error?.message);
    assert.deepEqual(after, differs ? differs.expect : c.expected);
  });
}
