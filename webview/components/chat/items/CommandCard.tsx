// One shell command: the command line, its streaming output in a capped scroll box, and
// once done its exit code and duration. The sandbox badge says how it ran.
import { memo, useRef, useState } from 'react';
import type { Item } from '../../../../src/protocol';
import { useIsoLayoutEffect } from '../../../context';
import { formatDuration } from '../../../format';

type Command = Extract<Item, { type: 'command_execution' }>;

/** Only the tail is rendered: a chatty build must not put megabytes into the DOM. */
export const OUTPUT_TAIL_CHARS = 20_000;

export function outputTail(output: string): { text: string; omitted: number } {
  if (output.length <= OUTPUT_TAIL_CHARS) return { text: output, omitted: 0 };
  const cut = output.length - OUTPUT_TAIL_CHARS;
  const nl = output.indexOf('\n', cut);
  const from = nl !== -1 && nl - cut < 200 ? nl + 1 : cut; // start on a line boundary
  return { text: output.slice(from), omitted: from };
}

const SANDBOX_LABEL: Record<NonNullable<Command['sandbox']>, string> = {
  sandboxed: 'sandboxed',
  unsandboxed: 'not sandboxed',
  none: 'no sandbox',
};

export const CommandCard = memo(function CommandCard({ item }: { item: Command }) {
  const running = item.status === 'in_progress';
  const failed = item.status === 'failed' || (item.exitCode !== undefined && item.exitCode !== 0);
  const [open, setOpen] = useState(running || failed);
  const box = useRef<HTMLPreElement>(null);
  const stick = useRef(true);
  const { text, omitted } = outputTail(item.output);

  // Follow the output while it streams, unless the reader scrolled up inside the box.
  // Only an open card: reading scrollHeight forces a layout, and a list of closed cards
  // mounting at once (a long session opening) must not pay one per card.
  useIsoLayoutEffect(() => {
    const el = box.current;
    if (open && el && stick.current) el.scrollTop = el.scrollHeight;
  }, [text, open]);

  return (
    <details
      className={`card cmd${failed ? ' card-failed' : ''}`}
      open={open}
      onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}
    >
      <summary className="card-head" aria-label={`Command ${item.command}, ${statusText(item)}`}>
        <span className="cmd-prompt" aria-hidden="true">$</span>
        <code className="cmd-line" title={item.command}>
          {item.command}
        </code>
        <span className="card-meta">
          {item.sandbox && item.status !== 'declined' && <span className={`badge badge-${item.sandbox}`}>{SANDBOX_LABEL[item.sandbox]}</span>}
          {item.network && <span className="badge badge-warning">network</span>}
          {running && <span className="spinner" role="img" aria-label="running" />}
          {!running && <span className={`badge ${item.status === 'declined' ? 'badge-muted' : failed ? 'badge-error' : 'badge-ok'}`}>{exitText(item)}</span>}
          {item.durationMs !== undefined && <span className="muted">{formatDuration(item.durationMs)}</span>}
        </span>
      </summary>
      <div className="cmd-body">
        {item.cwd && <div className="muted cmd-cwd">in {item.cwd}</div>}
        {omitted > 0 && <div className="muted">… {omitted.toLocaleString()} earlier characters not shown</div>}
        <pre
          ref={box}
          className="cmd-output"
          tabIndex={0}
          aria-label={`Output of ${item.command}`}
          onScroll={(e) => {
            const el = e.currentTarget;
            stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 8;
          }}
        >
          {text || (running ? '' : '(no output)')}
        </pre>
      </div>
    </details>
  );
});

function exitText(item: Command): string {
  if (item.status === 'declined') return 'declined';
  if (item.signal) return `killed (${item.signal})`;
  if (item.exitCode !== undefined) return `exit ${item.exitCode}`;
  return item.status === 'failed' ? 'failed' : 'done';
}

function statusText(item: Command): string {
  if (item.status === 'in_progress') return 'running';
  const d = item.durationMs !== undefined ? ` after ${formatDuration(item.durationMs)}` : '';
  return `${exitText(item)}${d}`;
}
