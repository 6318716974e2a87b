// Approvals in the terminal: y = allow once, a = allow for this session, n = deny (with
// an optional reason for the agent). With no TTY on stdin there is no one to ask: the
// answer is 'cannot_ask' (fail closed; the model is told no one could approve, and the
// progress output shows the refused item once). An aborted turn (Ctrl-C interrupts it),
// or the end of input (Ctrl-D), denies the pending question.
//
// Escalations (the model asks for network access or to run outside the sandbox) say so
// in the first line, then show the EXACT command (control characters made visible so
// escape sequences cannot hide or rewrite it), where it runs, the model's reason and
// why the policy asks. Every question rings the terminal bell, so a user working in
// another window hears that the agent waits.
import { createInterface } from 'node:readline';
import type { ApprovalDecision, ApprovalRequest, Approvals } from '../core/index';
import type { LineInput } from './lineInput';

/** Control characters shown as escapes (\x1b, \r...); newlines and tabs kept. */
export function visible(text: string): string {
  return text.replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, (c) => (c === '\r' ? '\\r' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
}

function block(text: string): string {
  return visible(text)
    .split('\n')
    .map((l) => `      ${l}`)
    .join('\n');
}

export function describeRequest(request: ApprovalRequest): string {
  switch (request.type) {
    case 'command': {
      const head =
        request.escalation === 'network'
          ? 'The agent asks to run a command WITH NETWORK ACCESS:'
          : request.escalation === 'unsandboxed'
            ? 'The agent asks to run a command OUTSIDE THE SANDBOX (full access to your files and network):'
            : 'The agent asks to run a command:';
      const lines = [head, block(request.command), `  in: ${visible(request.cwd)}`];
      if (request.escalation) lines.push(`  escalation: ${request.escalation}`);
      if (request.escalation || request.justification) lines.push(`  reason given: ${request.justification?.trim() ? visible(request.justification.trim()) : '(none)'}`);
      lines.push(`  why it asks: ${request.why}`);
      return lines.join('\n');
    }
    case 'read':
      return `The agent asks to read ${visible(request.path)}\n  why it asks: ${request.why}`;
    case 'write':
      return `The agent asks to write ${visible(request.path)}\n  why it asks: ${request.why}`;
  }
}

export interface TerminalApprovalsOptions {
  /** True when a person can answer on `input` (a TTY, and not --json). */
  interactive: boolean;
  /** Where answers come from (default process.stdin). */
  input?: NodeJS.ReadableStream;
  /** Where questions go (default process.stderr). */
  output?: NodeJS.WritableStream;
  /** The run's one terminal reader (interactive exec, which also steers with it); without it each question reads on its own. */
  lines?: LineInput;
}

export const BELL = '\x07';

const PROMPT = '[y] yes, once   [a] yes, for this session   [n] no: ';
export const NO_TERMINAL_REASON = 'the CLI runs without a terminal (the user can rerun it in one, or with --approval full-access)';

export function createTerminalApprovals(options: TerminalApprovalsOptions): Approvals {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stderr;
  const terminal = Boolean((output as { isTTY?: boolean }).isTTY);

  /** One question; undefined when aborted or the input ended. */
  const askAlone = (question: string, signal: AbortSignal): Promise<string | undefined> =>
    new Promise((resolve) => {
      const rl = createInterface({ input, output, terminal });
      let settled = false;
      const settle = (answer: string | undefined) => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        rl.close();
        resolve(answer);
      };
      const onAbort = () => settle(undefined);
      signal.addEventListener('abort', onAbort, { once: true });
      rl.on('close', () => settle(undefined)); // Ctrl-D / end of input
      // On a raw TTY readline swallows Ctrl-C (it would only pause): re-raise it so the
      // CLI's handler interrupts the turn, which aborts `signal` and denies this question.
      rl.on('SIGINT', () => process.kill(process.pid, 'SIGINT'));
      rl.question(question, (answer) => settle(answer));
    });
  const ask = (question: string, signal: AbortSignal) => (options.lines ? options.lines.question(question, signal) : askAlone(question, signal));

  // questions are asked one at a time even if tools ask in parallel
  let queue: Promise<unknown> = Promise.resolve();
  return {
    request(request: ApprovalRequest, signal: AbortSignal): Promise<ApprovalDecision> {
      if (!options.interactive) return Promise.resolve({ decision: 'cannot_ask', reason: NO_TERMINAL_REASON });
      const next = queue.then(async (): Promise<ApprovalDecision> => {
        if (signal.aborted) return { decision: 'deny', reason: 'the turn was interrupted' };
        output.write(`${BELL}\n${describeRequest(request)}\n`);
        for (;;) {
          const answer = await ask(PROMPT, signal);
          if (answer === undefined) return { decision: 'deny', reason: signal.aborted ? 'the turn was interrupted' : 'no answer (the input ended)' };
          const a = answer.trim().toLowerCase();
          if (a === 'y' || a === 'yes') return { decision: 'allow_once' };
          if (a === 'a' || a === 'always') return { decision: 'allow_session' };
          if (a === 'n' || a === 'no') {
            const reason = await ask('Reason for the agent (optional, Enter to skip): ', signal);
            return reason?.trim() ? { decision: 'deny', reason: reason.trim() } : { decision: 'deny' };
          }
          output.write('Please answer y, a or n.\n');
        }
      });
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
