// The `tandem` command (bundled to dist/cli.js; bin/tandem.js loads it). Exit codes:
// 0 success, 1 the task or command failed, 2 bad arguments, 130 interrupted; `review`:
// 0 no findings, 1 findings, 2 error (see src/cli/review.ts). Every failure prints one
// line saying why. docs/CLI.md documents every command.
import { HELP, UsageError, parseCommand } from './args';
import { CliFailure, runTask } from './exec';
import { applyOrDiscard, listCommand } from './sessions';
import { undoCommand } from './undo';
import { runReview } from './review';
import { errorLine, type Out } from './render';

const VERSION = '0.1.0';

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
      out.stdout(`${VERSION}\n`);
      return 0;
    case 'exec':
      return runTask({ task: command.task, flags: command.flags }, out);
    case 'resume':
      return runTask({ task: command.task, flags: command.flags, sessionId: command.id }, out);
    case 'review':
      return runReview(command.flags, out);
    case 'sessions':
      return listCommand(command.json, out);
    case 'apply':
    case 'discard':
      return applyOrDiscard(command.kind, command.id, command.json, out);
    case 'undo':
      return undoCommand(command, out);
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
