// The adversarial catalogue's case type. Every case runs against the real sandbox; the
// runner (catalogue.test.ts) then asserts the workspace is byte-identical (contents and
// modes), the sentinel outside is untouched, and the case's own `check` holds.
import type { Harness } from './harness';
import type { ShellResult } from '../../src/core/shell/types';

export interface CatalogueCase {
  name: string;
  /** The command, or a function of the harness (paths are per-run temp dirs). */
  command: string | ((h: Harness) => string);
  timeoutMs?: number;
  network?: boolean;
  baseEnv?: NodeJS.ProcessEnv;
  setup?: (h: Harness) => Promise<void>;
  /** Case-specific assertions (throw on failure). */
  check?: (h: Harness, r: ShellResult) => Promise<void> | void;
  /** Set when the case writes inside the workspace on purpose: these paths may be staged. */
  staged?: string[];
}
