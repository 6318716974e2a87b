// `tandem --help` must say what the parser really accepts, and so must docs/CLI.md.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { HELP, parseCommand, UsageError } from '../../../src/cli/args';

/** The values the parser accepts for an enumerated flag, read from its refusal. */
function accepted(command: string[], flag: string): string[] {
  try {
    parseCommand([...command, `--${flag}`, 'not-a-value', ...(command[0] === 'exec' ? ['task'] : [])]);
  } catch (err) {
    assert.ok(err instanceof UsageError);
    const m = err.message.match(/must be one of (.*) \(got/);
    assert.ok(m, err.message);
    return m[1].split(', ');
  }
  assert.fail(`--${flag} accepted a bogus value`);
}

/** `--flag a|b|c` in a text (docs/CLI.md escapes the bars in its tables). */
function listed(text: string, flag: string): string[] {
  const m = text.replace(/\\\|/g, '|').match(new RegExp(`--${flag} ([a-z-]+(?:\\|[a-z-]+)+)`));
  assert.ok(m, `--${flag} with its values is listed`);
  return m[1].split('|');
}

const docs = readFileSync(path.join(__dirname, '../../../docs/CLI.md'), 'utf8');

test('help and docs list exactly the values each enumerated flag accepts', () => {
  for (const flag of ['effort', 'wire', 'sandbox']) {
    const values = accepted(['exec'], flag);
    assert.deepEqual(listed(HELP, flag), values, `--help, --${flag}`);
    assert.deepEqual(listed(docs, flag), values, `docs/CLI.md, --${flag}`);
    assert.deepEqual(accepted(['review'], flag === 'sandbox' ? 'wire' : flag), accepted(['exec'], flag === 'sandbox' ? 'wire' : flag));
  }
  const policies = accepted(['exec'], 'approval');
  for (const p of policies) assert.match(HELP, new RegExp(`--approval POLICY .*\\b${p}\\b`));
  assert.equal(HELP.match(/--approval POLICY +(.*)/)![1].split('|').length, policies.length);
});

test('every flag and command the help shows parses, and every --json the parser takes is shown', () => {
  const reviewSection = HELP.indexOf('Options (review');
  const undoSection = HELP.indexOf('Options (undo');
  const sectionAt = (at: number) => (at > undoSection ? 'undo' : at > reviewSection ? 'review' : 'exec');
  const flags = [...HELP.matchAll(/^ {2}(--[a-z-]+)( [A-Za-z0-9.|-]+)?/gm)].map((m) => [m[1], m[2]?.trim(), sectionAt(m.index!)] as const);
  assert.ok(flags.length >= 14, `found ${flags.length} option lines`);
  const sample = (flag: string, arg: string) =>
    arg === 'N' ? (flag === '--max-retries' || flag === '--max-agents' ? '2' : '2000') : arg.includes('|') ? arg.split('|')[0] : arg === 'POLICY' ? 'untrusted' : arg.includes('..') ? arg.split('..')[0] : 'x';
  for (const [flag, arg, section] of flags) {
    const value = arg === undefined ? [] : [sample(flag, arg)];
    // a flag that only goes with another (--apply-protected with --apply) gets its partner
    const partner = flag === '--apply-protected' ? ['--apply'] : [];
    const argv = section === 'review' ? ['review', flag, ...value] : section === 'undo' ? ['undo', 'ID', flag, ...value] : ['exec', ...partner, flag, ...value, 'task'];
    assert.doesNotThrow(() => parseCommand(argv), `${argv.join(' ')}`);
  }
  for (const cmd of ['sessions', 'apply', 'discard', 'undo']) {
    const argv = cmd === 'sessions' ? [cmd, '--json'] : [cmd, 'ID', '--json'];
    assert.equal((parseCommand(argv) as { json: boolean }).json, true);
    assert.match(HELP, new RegExp(`tandem ${cmd}${cmd === 'sessions' ? '' : ' ID'} \\[--json\\]`), `help shows ${cmd} --json`);
  }
});
