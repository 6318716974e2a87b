// The staging area's side of the protected-path rules (src/core/policy/protection.ts):
// the check every staging operation runs, and the label a staged change shows.
import { promises as fs } from 'node:fs';
import { pathProtection, type PathProtection } from '../policy/protection';
import type { Entry, StagingStore } from './store';

export class StagingProtection {
  private readonly rules: PathProtection;
  private realRoot?: Promise<string>;

  constructor(
    private readonly root: string,
    patterns: readonly string[] | undefined,
    private readonly hostRule?: (path: string) => string | undefined,
  ) {
    this.rules = pathProtection(patterns);
  }

  /** Real paths looked up during a batch (the workspace does not change under one). */
  private realpaths?: Map<string, Promise<string | undefined>>;

  remember(on: boolean): void {
    this.realpaths = on ? new Map() : undefined;
  }

  /** Refuses git internals (throws); returns the protected label of `rel`, if any. */
  async check(rel: string): Promise<string | undefined> {
    this.realRoot ??= fs.realpath(this.root).catch(() => this.root);
    const found = await this.rules.check(await this.realRoot, rel, this.realpaths);
    if (found.refused) throw new Error(`Not staged: ${found.refused}.`);
    return found.label ?? this.hostRule?.(rel);
  }

  /** Records the label found when staging (the real path may not be known later). */
  flag(store: StagingStore, rel: string, label: string | undefined): void {
    const e = store.entries.get(rel);
    if (!e) return;
    if (label) e.protected = label;
    else delete e.protected;
  }

  /** The label of a staged entry: found when staged, or by the rules now (lexically). */
  labelOf(rel: string, e: Entry): string | undefined {
    const lexical = (p: string) => this.rules.label(p) ?? this.hostRule?.(p);
    return e.protected ?? lexical(rel) ?? (e.from !== undefined ? lexical(e.from) : undefined);
  }
}
