// The `tandem` command (bundled to dist/cli.js; bin/tandem.js loads it). Exit codes:
// 0 success, 1 the task or command failed, 2 bad arguments, 130 interrupted; `review`:
// 0 passed, 1 findings or "needs changes", 2 not reviewed (see src/cli/review.ts). Every failure prints one
// line saying why. docs/CLI.md documents every command.
import { HELP, UsageError, parseCommand } from './args';
import { CliFailure, runTask } from './exec';
import { applyOrDiscard, listCommand } from './sessions';
import { undoCommand } from './undo';
import { runReviewCommand } from './review';
import { CLI_VERSION } from './env';
import { mcpCommand } from './mcp';
import { skillsCommand } from './skills';
import { errorLine, type Out } from './render';

const out: Out = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
};

export async function main(argv: string[]): Promise<number> {
  const command = parseCommand(argv);
  switch (command.kind) {
    case 'help':
      out.stdout(`${HELP}\n`);
      return 0;
    case 'version':
      out.stdout(`${CLI_VERSION}\n`);
      return 0;
    case 'exec':
      return runTask({ task: command.task, flags: command.flags }, out);
    case 'resume':
      return runTask({ task: command.task, flags: command.flags, sessionId: command.id }, out);
    case 'review':
    case 'review-hook':
      return runReviewCommand(command, out);
    case 'sessions':
      return listCommand(command.json, out);
    case 'apply':
      return applyOrDiscard('apply', command.id, command.json, out, command.applyProtected);
    case 'discard':
      return applyOrDiscard('discard', command.id, command.json, out);
    case 'undo':
      return undoCommand(command, out);
    case 'mcp':
      return mcpCommand(command.flags, out);
    case 'skills':
      return skillsCommand(command.flags, out);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    out.stderr(`tandem: ${errorLine(err)}\n`);
    process.exitCode = err instanceof UsageError ? 2 : err instanceof CliFailure ? err.exitCode : 1;
  },
);
