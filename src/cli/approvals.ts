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
//
// MCP: a tool call shows the server, the tool, the exact arguments and the server's own
// hints, and also offers [s] this tool for the session and [a] always (remembered). A
// server the repository declares shows its exact command; yes is remembered for this
// workspace until that command changes.
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
  const text = describeAsk(request);
  // a subagent asks: say which one (its type, id and task)
  return request.label ? text.replace(/^The agent asks/, `Subagent ${visible(request.label)} asks`) : text;
}

function describeAsk(request: ApprovalRequest): string {
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
    case 'mcp_tool': {
      const hints = [request.readOnlyHint ? 'read-only' : '', request.destructiveHint ? 'DESTRUCTIVE' : '', request.openWorldHint ? 'reaches outside (open world)' : ''].filter(Boolean);
      const lines = [`The agent asks to call the MCP tool "${visible(request.tool)}" of server "${visible(request.server)}"${request.title ? ` (${visible(request.title)})` : ''}:`];
      lines.push('  arguments:', block(request.arguments));
      lines.push(`  the server says: ${hints.length ? hints.join(', ') : 'no hints (it may change things)'}`);
      lines.push(`  why it asks: ${request.why}`);
      return lines.join('\n');
    }
    case 'mcp_server': {
      const lines = [`This repository declares an MCP server "${visible(request.server)}" (${visible(request.origin)}). Start it?`];
      if (request.command !== undefined) {
        lines.push(block(request.command), `  in: ${visible(request.cwd ?? '.')}`);
        if (request.envKeys?.length) lines.push(`  sets environment: ${request.envKeys.map(visible).join(', ')}`);
      } else {
        lines.push(`  url: ${visible(request.url ?? '')}`);
        if (request.headerKeys?.length) lines.push(`  sends headers: ${request.headerKeys.map(visible).join(', ')}`);
      }
      lines.push(`  why it asks: ${request.why}`);
      return lines.join('\n');
    }
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
export const NO_TERMINAL_MCP_REASON = 'the CLI runs without a terminal (the user can rerun it in one, or allow the tool with --allow-mcp SERVER or --allow-mcp SERVER/TOOL)';
export const NO_TERMINAL_SERVER_REASON = 'the CLI runs without a terminal, and a server the repository declares starts only once approved (approve it with `tandem mcp` in a terminal)';
const TOOL_PROMPT = '[y] yes, once   [s] this tool, for this session   [a] always allow this tool   [n] no: ';
const SERVER_PROMPT = '[y] yes, start it (remembered for this workspace until its command changes)   [n] no: ';

function noTerminalReason(request: ApprovalRequest): string {
  return request.type === 'mcp_tool' ? NO_TERMINAL_MCP_REASON : request.type === 'mcp_server' ? NO_TERMINAL_SERVER_REASON : NO_TERMINAL_REASON;
}
/** The decision an answer means for this kind of request; undefined: ask again; 'n': deny. */
function decisionOf(request: ApprovalRequest, answer: string): ApprovalDecision | 'n' | undefined {
  const a = answer.trim().toLowerCase();
  if (a === 'n' || a === 'no') return 'n';
  if (a === 'y' || a === 'yes') return { decision: 'allow_once' };
  if (request.type === 'mcp_server') return undefined;
  if (request.type === 'mcp_tool') {
    if (a === 's' || a === 'session') return { decision: 'allow_session' };
    if (a === 'a' || a === 'always') return { decision: 'allow_always' };
    return undefined;
  }
  if (a === 'a' || a === 'always') return { decision: 'allow_session' };
  return undefined;
}

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
      if (!options.interactive) return Promise.resolve({ decision: 'cannot_ask', reason: noTerminalReason(request) });
      const next = queue.then(async (): Promise<ApprovalDecision> => {
        if (signal.aborted) return { decision: 'deny', reason: 'the turn was interrupted' };
        output.write(`${BELL}\n${describeRequest(request)}\n`);
        const prompt = request.type === 'mcp_tool' ? TOOL_PROMPT : request.type === 'mcp_server' ? SERVER_PROMPT : PROMPT;
        for (;;) {
          const answer = await ask(prompt, signal);
          if (answer === undefined) return { decision: 'deny', reason: signal.aborted ? 'the turn was interrupted' : 'no answer (the input ended)' };
          const decision = decisionOf(request, answer);
          if (decision === 'n') {
            if (request.type === 'mcp_server') return { decision: 'deny' };
            const reason = await ask('Reason for the agent (optional, Enter to skip): ', signal);
            return reason?.trim() ? { decision: 'deny', reason: reason.trim() } : { decision: 'deny' };
          }
          if (decision) return decision;
          output.write(`Please answer ${request.type === 'mcp_tool' ? 'y, s, a or n' : request.type === 'mcp_server' ? 'y or n' : 'y, a or n'}.\n`);
        }
      });
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
