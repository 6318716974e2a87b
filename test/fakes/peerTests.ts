// Where the peer reference material lives (codex's apply_patch fixtures, streams recorded
// from real servers): read-only, outside the repository, and not on every machine.
// $TANDEM_PEER_TESTS, else the first `shared/peer-tests` beside the checkout or one of
// its parents. Tests over it skip when it is missing.
import { existsSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

export function peerTestsDir(): string | undefined {
  const fromEnv = process.env.TANDEM_PEER_TESTS;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  for (let dir = path.dirname(ROOT); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'shared', 'peer-tests');
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}
