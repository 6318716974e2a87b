// One shell command: the command line, its streaming output in a capped scroll box, and
// once done its exit code and duration. The sandbox badge says how it ran.
import * as l10n from '@vscode/l10n';
import { memo, useRef, useState } from 'react';
import { Badge, type BadgeTone } from '../../ui/Badge';
import { Spinner } from '../../ui/Spinner';
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

function sandboxBadge(sandbox: NonNullable<Command['sandbox']>): { text: string; tone: BadgeTone; icon: string } {
  if (sandbox === 'sandboxed') return { text: l10n.t('sandboxed'), tone: 'muted', icon: 'vm' };
  if (sandbox === 'unsandboxed') return { text: l10n.t('not sandboxed'), tone: 'warning', icon: 'vm-outline' };
  return { text: l10n.t('no sandbox'), tone: 'warning', icon: 'vm-outline' };
}

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
      <summary className="card-head" aria-label={l10n.t('Command {0}, {1}', item.command, statusText(item))}>
        <span className="cmd-prompt" aria-hidden="true">$</span>
        <code className="cmd-line" title={item.command} translate="no">
          {item.command}
        </code>
        <span className="card-meta">
          {item.sandbox && item.status !== 'declined' && <SandboxBadge sandbox={item.sandbox} />}
          {item.network && (
            <Badge tone="warning" icon="globe">
              {l10n.t('network')}
            </Badge>
          )}
          {running && <Spinner label={l10n.t('running')} />}
          {!running && <Badge tone={item.status === 'declined' ? 'muted' : failed ? 'error' : 'ok'}>{exitText(item)}</Badge>}
          {item.durationMs !== undefined && <span className="muted">{formatDuration(item.durationMs)}</span>}
        </span>
      </summary>
      <div className="cmd-body">
        {item.cwd && <div className="muted cmd-cwd">{l10n.t('in {0}', item.cwd)}</div>}
        {omitted > 0 && <div className="muted">{l10n.t('… {0} earlier characters not shown', omitted)}</div>}
        <pre
          ref={box}
          className="cmd-output"
          tabIndex={0}
          translate="no"
          aria-label={l10n.t('Output of {0}', item.command)}
          onScroll={(e) => {
            const el = e.currentTarget;
            stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 8;
          }}
        >
          {text || (running ? '' : <span translate="yes">{l10n.t('(no output)')}</span>)}
        </pre>
      </div>
    </details>
  );
});

function SandboxBadge({ sandbox }: { sandbox: NonNullable<Command['sandbox']> }) {
  const b = sandboxBadge(sandbox);
  return (
    <Badge tone={b.tone} icon={b.icon} className={`badge-${sandbox}`}>
      {b.text}
    </Badge>
  );
}

function exitText(item: Command): string {
  if (item.status === 'declined') return l10n.t('declined');
  if (item.signal) return l10n.t('killed ({0})', item.signal);
  if (item.exitCode !== undefined) return l10n.t('exit {0}', item.exitCode);
  return item.status === 'failed' ? l10n.t('failed') : l10n.t('done');
}

function statusText(item: Command): string {
  if (item.status === 'in_progress') return l10n.t('running');
  return item.durationMs !== undefined ? l10n.t('{0} after {1}', exitText(item), formatDuration(item.durationMs)) : exitText(item);
}
