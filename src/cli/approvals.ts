// Approvals in the terminal: y = allow once, a = allow for this session, n = deny (with
// an optional reason). With no TTY on stdin there is no one to ask: deny, fail closed,
// and say so on stderr. An aborted turn denies any pending question.
import { createInterface } from 'node:readline';
import type { ApprovalDecision, ApprovalRequest, Approvals } from '../core/index';

function describe(request: ApprovalRequest): string {
  switch (request.type) {
    case 'command': {
      const esc = request.escalation ? ` (asks for ${request.escalation === 'network' ? 'network access' : 'running outside the sandbox'})` : '';
      const just = request.justification ? `\n  reason given: ${request.justification}` : '';
      return `Run \`${request.command}\` in ${request.cwd}${esc}?\n  why it asks: ${request.why}${just}`;
    }
    case 'read':
      return `Read ${request.path}?\n  why it asks: ${request.why}`;
    case 'write':
      return `Write ${request.path}?\n  why it asks: ${request.why}`;
  }
}

function ask(question: string, signal: AbortSignal): Promise<string | undefined> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    const onAbort = () => {
      rl.close();
      resolve(undefined);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    rl.question(question, (answer) => {
      signal.removeEventListener('abort', onAbort);
      rl.close();
      resolve(answer);
    });
  });
}

export function createTerminalApprovals(options: { interactive: boolean; write: (text: string) => void }): Approvals {
  // questions are asked one at a time even if tools ask in parallel
  let queue: Promise<unknown> = Promise.resolve();
  return {
    request(request: ApprovalRequest, signal: AbortSignal): Promise<ApprovalDecision> {
      if (!options.interactive) {
        options.write(`denied (no terminal to ask for approval): ${describe(request).split('\n')[0]}\n`);
        return Promise.resolve({ decision: 'deny', reason: 'no one can approve this: the CLI runs without a terminal (pass --approval full-access to allow commands)' });
      }
      const next = queue.then(async (): Promise<ApprovalDecision> => {
        if (signal.aborted) return { decision: 'deny', reason: 'the turn was interrupted' };
        for (;;) {
          const answer = await ask(`\n${describe(request)}\n[y] yes once  [a] yes for this session  [n] no: `, signal);
          if (answer === undefined) return { decision: 'deny', reason: 'the turn was interrupted' };
          const a = answer.trim().toLowerCase();
          if (a === 'y' || a === 'yes') return { decision: 'allow_once' };
          if (a === 'a') return { decision: 'allow_session' };
          if (a === 'n' || a === 'no') {
            const reason = await ask('Reason for the agent (optional): ', signal);
            return reason?.trim() ? { decision: 'deny', reason: reason.trim() } : { decision: 'deny' };
          }
        }
      });
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
