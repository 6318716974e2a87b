// shell: runs a command. The guard decides (allow / ask / deny); an ask goes to the
// user through ctx.approvals with the exact command and why. Commands run in the
// sandbox (ctx.shell, against the staged view) unless the assessment says otherwise
// (approved escalation or full-access), then in ctx.plainShell. Output streams into a
// command_execution item in full; the model gets a head+tail capped copy. Files a
// sandboxed command wrote land in the staging area and are reported as a file_change.
import { Type, type Static } from '@sinclair/typebox';
import type { CommandExecutionItem, FileChangeItem, FileChangeSummary } from '../types/items';
import type { ShellResult } from '../shell/types';
import { toAbsolute } from '../util/paths';
import { ToolError, type Tool, type ToolContext } from './types';
import { commandKey } from '../policy/createGuard';
import { askUser, capHeadTail, notApproved, toolPath } from './common';
import { mb } from '../util/text';

export const SHELL_DEFAULT_TIMEOUT_MS = 120_000;
export const SHELL_MAX_TIMEOUT_MS = 600_000;
export const SHELL_HEAD_BYTES = 4 * 1024;
export const SHELL_TAIL_BYTES = 6 * 1024;

const parameters = Type.Object(
  {
    command: Type.Union([Type.String({ minLength: 1 }), Type.Array(Type.String(), { minItems: 1 })], {
      description: 'A bash command string, or an argv array run directly (no shell).',
    }),
    workdir: Type.Optional(Type.String({ description: 'Working directory relative to the workspace root (default: the root).' })),
    timeout_ms: Type.Optional(Type.Integer({ minimum: 1, description: `Default ${SHELL_DEFAULT_TIMEOUT_MS}, at most ${SHELL_MAX_TIMEOUT_MS}.` })),
    justification: Type.Optional(Type.String({ description: 'Why you need this command; shown to the user when approval is needed.' })),
    escalation: Type.Optional(
      Type.Union([Type.Literal('network'), Type.Literal('unsandboxed')], {
        description: 'Ask for more than the sandbox allows: network access, or running outside the sandbox. Needs user approval.',
      }),
    ),
  },
  { additionalProperties: false },
);

type Args = Static<typeof parameters>;

/** argv joined with POSIX shell quoting, as the user sees it. */
export function quoteArgv(argv: readonly string[]): string {
  return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

function outcome(r: ShellResult, timeoutMs: number): string {
  if (r.timedOut) return `Timed out after ${timeoutMs} ms; the command was killed.`;
  if (r.aborted) return 'Interrupted: the user stopped the turn; the command was killed.';
  if (r.exitCode === null) return `Killed by signal ${r.signal ?? 'unknown'}.`;
  return `Exit code: ${r.exitCode}`;
}

export const shellTool: Tool<typeof parameters> = {
  name: 'shell',
  description:
    'Run a shell command in the workspace (sandboxed: it sees your staged edits, and files it writes are staged for review; no network). ' +
    'Use workdir instead of "cd". Set escalation ("network" or "unsandboxed") with a justification only when the sandbox blocks you; the user must approve.',
  parameters,
  mutates: true,
  async run(args: Args, ctx) {
    const display = typeof args.command === 'string' ? args.command : quoteArgv(args.command);
    const rel = toolPath(ctx, args.workdir ?? '');
    if (rel !== '') {
      const st = await ctx.view.stat(rel);
      if (st?.type !== 'directory') throw new ToolError(`workdir ${rel} is not a directory in the workspace.`);
    }
    const cwd = toAbsolute(ctx.view.root, rel);
    const timeoutMs = Math.min(args.timeout_ms ?? SHELL_DEFAULT_TIMEOUT_MS, SHELL_MAX_TIMEOUT_MS);
    const base = { turnId: ctx.turnId, type: 'command_execution' as const, command: display, cwd };

    const toAssess = { command: display, cwd, escalation: args.escalation };
    const assessment = await ctx.guard.assessCommand(toAssess);
    if (assessment.action === 'deny') {
      declinedItem(ctx, base, `Refused by policy: ${assessment.why}`);
      throw new ToolError(`Not run: ${assessment.why}`);
    }
    if (assessment.action === 'ask') {
      const refusal = await askUser(
        ctx,
        { type: 'command', command: display, cwd, why: assessment.why, justification: args.justification, escalation: args.escalation },
        commandKey(toAssess),
      );
      if (refusal?.by === 'no_one') {
        declinedItem(ctx, base, `Needs approval; no one could be asked: ${refusal.reason}`);
        return { success: false, output: notApproved('running this command', refusal.reason) };
      }
      if (refusal) {
        const { reason } = refusal;
        declinedItem(ctx, base, `Declined by the user${reason ? `: ${reason}` : ''}`);
        const why = reason ? ` Their reason: ${reason}` : ' They gave no reason.';
        return { success: false, output: `The user declined to run this command.${why} Do not retry it as is; adapt your approach or ask the user.` };
      }
    }

    const shell = assessment.sandboxed ? ctx.shell : ctx.plainShell;
    const item: CommandExecutionItem = {
      ...base,
      id: ctx.newItemId(),
      output: '',
      sandbox: shell.sandboxed ? 'sandboxed' : 'unsandboxed',
      ...(args.escalation === 'network' ? { network: true } : {}),
      status: 'in_progress',
    };
    ctx.startItem(item);
    let result: ShellResult;
    let importAnswer: string | undefined;
    try {
      result = await shell.run({
        ...(typeof args.command === 'string' ? { command: args.command } : { argv: args.command }),
        cwd,
        timeoutMs,
        signal: ctx.signal,
        network: args.escalation === 'network' ? true : undefined,
        onOutput: (text, stream) => ctx.updateItem(item.id, { kind: 'output', text, stream }),
        confirmImport: async (summary) => {
          const why =
            `The command wrote ${summary.files} files (${mb(summary.bytes)}), more than the per-command limit ` +
            `(${summary.maxFiles} files, ${mb(summary.maxBytes)}). Stage all of it for review? If not, none of it is staged.`;
          const decision = await ctx.approvals.request({ type: 'command', command: display, cwd, why }, ctx.signal);
          if (decision.decision !== 'deny') return true;
          importAnswer = decision.reason;
          return false;
        },
      });
    } catch (err) {
      const message = `The command could not be started: ${(err as Error).message}`;
      ctx.completeItem({ ...item, output: message, status: 'failed' });
      throw new ToolError(message);
    }
    const notes = [...(result.notes ?? []), ...(importAnswer ? [`(the answer was: ${importAnswer})`] : [])];
    ctx.completeItem({
      ...item,
      output: result.output + notes.map((n) => `\n[tandem] ${n}`).join(''),
      exitCode: result.exitCode ?? undefined,
      signal: result.signal,
      durationMs: result.durationMs,
      sandbox: result.sandbox,
      status: result.exitCode === 0 && !result.timedOut && !result.aborted ? 'completed' : 'failed',
    });

    const staged = result.stagedPaths?.length ? await reportStaged(ctx, result.stagedPaths) : '';
    const body = result.output.length ? capHeadTail(result.output, SHELL_HEAD_BYTES, SHELL_TAIL_BYTES) : '(no output)';
    const said = notes.length ? `Tandem's notes on this run (the command did run):\n${notes.map((n) => `- ${n}`).join('\n')}\n` : '';
    const output = `${outcome(result, timeoutMs)}\nDuration: ${(result.durationMs / 1000).toFixed(1)} s\n${staged}${said}Output:\n${body}`;
    return { success: result.exitCode === 0 && !result.timedOut && !result.aborted, output };
  },
};

function declinedItem(ctx: ToolContext, base: Omit<CommandExecutionItem, 'id' | 'output' | 'status'>, output: string): void {
  // never ran: no sandbox badge (it would read as "this machine has no sandbox"), and
  // it starts in its final state, so a front end shows it once, not as running
  const item: CommandExecutionItem = { ...base, id: ctx.newItemId(), output, status: 'declined' };
  ctx.startItem(item);
  ctx.completeItem(item);
}

/** Files named one by one to the model; the rest are counted (the review shows them all). */
const LISTED_FILES = 50;

/** Emits a file_change item for files a sandboxed command wrote; returns a line for the model. */
async function reportStaged(ctx: ToolContext, paths: readonly string[]): Promise<string> {
  const staged = await ctx.staging.changes(paths);
  const changes: FileChangeSummary[] = staged.map((c) => ({ path: c.path, kind: c.kind, ...(c.from ? { from: c.from } : {}), added: c.added, removed: c.removed }));
  if (changes.length === 0) return '';
  const item: FileChangeItem = { id: ctx.newItemId(), turnId: ctx.turnId, type: 'file_change', changes, status: 'in_progress' };
  ctx.startItem(item);
  ctx.completeItem({ ...item, status: 'completed' });
  const list = changes.slice(0, LISTED_FILES).map((c) => `${c.kind === 'rename' ? `${c.from} -> ${c.path}` : c.path} (${c.kind}, +${c.added} -${c.removed})`);
  const more = changes.length > LISTED_FILES ? ` and ${changes.length - LISTED_FILES} more` : '';
  const held = staged.filter((c) => c.protected).map((c) => `${c.path} (${c.protected})`);
  const protectedNote = held.length
    ? `Protected, so they apply only when the user applies each one: ${held.slice(0, LISTED_FILES).join(', ')}${held.length > LISTED_FILES ? ' and more' : ''}\n`
    : '';
  return `Files written (staged for the user's review): ${list.join(', ')}${more}\n${protectedNote}`;
}
