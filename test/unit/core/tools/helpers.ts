// Test doubles for ToolContext: a scriptable guard and approvals that record what they
// were asked, a fake shell that records requests, and an item log.
import type { ToolContext } from '../../../../src/core/tools/types';
import type { FileView } from '../../../../src/core/workspace/types';
import type { StagingArea } from '../../../../src/core/staging/types';
import type { Guard, GuardAction, CommandAssessment, CommandToAssess, PathAssessment } from '../../../../src/core/policy/guard';
import type { ApprovalDecision, ApprovalRequest, Approvals } from '../../../../src/core/approvals/types';
import type { Shell, ShellRequest, ShellResult } from '../../../../src/core/shell/types';
import type { Item } from '../../../../src/core/types/items';
import type { ItemDelta } from '../../../../src/core/types/events';
import { createMemoryStaging, createMemoryView, type MemoryStaging } from '../../../fakes/memoryStaging';

export interface FakeGuard extends Guard {
  remembered: string[];
  commands: CommandToAssess[];
}

export function fakeGuard(opts: {
  read?: (path: string) => PathAssessment;
  write?: (path: string) => PathAssessment;
  command?: (cmd: CommandToAssess) => CommandAssessment;
} = {}): FakeGuard {
  const allow = (): PathAssessment => ({ action: 'allow', why: 'test' });
  const g: FakeGuard = {
    policy: 'on-request',
    remembered: [],
    commands: [],
    async assessCommand(cmd) {
      g.commands.push(cmd);
      return opts.command ? opts.command(cmd) : { action: 'allow', why: 'test', sandboxed: true };
    },
    async assessRead(p) {
      return (opts.read ?? allow)(p);
    },
    async assessWrite(p) {
      return (opts.write ?? allow)(p);
    },
    rememberSessionAllow(key) {
      g.remembered.push(key);
    },
  };
  return g;
}

export const assess = (action: GuardAction, why = 'because', extra: Partial<PathAssessment> = {}): PathAssessment => ({ action, why, ...extra });

export interface FakeApprovals extends Approvals {
  requests: ApprovalRequest[];
}

export function fakeApprovals(...decisions: ApprovalDecision[]): FakeApprovals {
  const a: FakeApprovals = {
    requests: [],
    async request(r) {
      a.requests.push(r);
      const d = decisions.shift();
      if (!d) throw new Error('fake approvals: unexpected request ' + JSON.stringify(r));
      return d;
    },
  };
  return a;
}

export interface FakeShell extends Shell {
  requests: ShellRequest[];
}

/** A shell that streams `chunks` through onOutput and returns `result` (output = chunks joined). */
export function fakeShell(sandboxed: boolean, result: Partial<ShellResult> = {}, chunks: string[] = ['ok\n']): FakeShell {
  const s: FakeShell = {
    sandboxed,
    requests: [],
    async run(req) {
      s.requests.push(req);
      for (const c of chunks) req.onOutput?.(c, 'stdout');
      return {
        exitCode: 0,
        output: chunks.join(''),
        timedOut: false,
        aborted: false,
        durationMs: 1234,
        sandbox: sandboxed ? 'sandboxed' : 'unsandboxed',
        ...result,
      };
    },
  };
  return s;
}

export interface ItemLog {
  started: Item[];
  updates: { id: string; delta: ItemDelta }[];
  completed: Item[];
}

export interface TestContext extends ToolContext {
  log: ItemLog;
}

export function makeContext(parts: {
  view?: FileView;
  staging?: StagingArea;
  files?: Record<string, string | Uint8Array>;
  guard?: Guard;
  approvals?: Approvals;
  shell?: Shell;
  plainShell?: Shell;
  rgPath?: string;
  signal?: AbortSignal;
} = {}): TestContext & { staging: StagingArea } {
  const view = parts.view ?? createMemoryView(parts.files ?? {});
  const staging = parts.staging ?? createMemoryStaging(view);
  const log: ItemLog = { started: [], updates: [], completed: [] };
  let n = 0;
  return {
    view: staging,
    staging,
    shell: parts.shell ?? fakeShell(true),
    plainShell: parts.plainShell ?? fakeShell(false),
    approvals: parts.approvals ?? fakeApprovals(),
    guard: parts.guard ?? fakeGuard(),
    signal: parts.signal ?? new AbortController().signal,
    turnId: 't1',
    rgPath: parts.rgPath,
    newItemId: () => `i${++n}`,
    startItem: (i) => log.started.push(i),
    updateItem: (id, delta) => log.updates.push({ id, delta }),
    completeItem: (i) => log.completed.push(i),
    log,
  };
}

export function memoryContext(files: Record<string, string | Uint8Array>, rest: Parameters<typeof makeContext>[0] = {}) {
  const view = createMemoryView(files);
  const staging = createMemoryStaging(view);
  return { ctx: makeContext({ ...rest, view, staging }), staging: staging as MemoryStaging };
}
