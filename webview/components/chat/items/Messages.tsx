// User and agent messages, and the collapsible reasoning summary.
import * as l10n from '@vscode/l10n';
import { memo, useContext, useState } from 'react';
import { Icon } from '../../ui/Icon';
import { Spinner } from '../../ui/Spinner';
import type { Item } from '../../../../src/protocol';
import { Markdown } from '../../../markdown/Markdown';
import { attachmentLabel } from '../../../format';
import { ImageThumb } from '../../images/ImageThumb';
import { TurnUndo } from './TurnUndo';
import { InSubagent } from './subagentScope';

type Of<T extends Item['type']> = Extract<Item, { type: T }>;

export const UserMessage = memo(function UserMessage({ item }: { item: Of<'user_message'> }) {
  const inSubagent = useContext(InSubagent);
  return (
    <div className={`msg msg-user${item.steered ? ' msg-steered' : ''}`} role="article" aria-label={item.steered ? l10n.t('You steered') : l10n.t('You said')}>
      {/* a message sent while the turn ran: it landed here, between the agent's steps */}
      {item.steered && (
        <div className="msg-steered-label">
          <Icon name="compass" />
          {l10n.t('Steered while Tandem worked')}
        </div>
      )}
      {/* users type plain text: shown as typed, never interpreted as markdown */}
      <div className="msg-user-text" translate="no">
        {item.text}
      </div>
      {item.attachments && item.attachments.length > 0 && (
        <ul className="chips chips-static" aria-label={l10n.t('Attached context')} translate="no">
          {item.attachments.map((a, i) => (
            <li key={i} className={`chip${a.type === 'image' ? ' chip-image' : ''}`}>
              {a.type === 'image' && <ImageThumb image={a} />}
              {attachmentLabel(a)}
            </li>
          ))}
        </ul>
      )}
      {!item.steered && !inSubagent && <TurnUndo turnId={item.turnId} />}
    </div>
  );
});

export const AgentMessage = memo(function AgentMessage({ item }: { item: Of<'agent_message'> }) {
  return (
    <div className="msg msg-agent" role="article" aria-label={l10n.t('Tandem said')} translate="no">
      <Markdown text={item.text} />
    </div>
  );
});

/** The first bold heading of a reasoning summary ("**Planning the fix**") names it. */
export function reasoningTitle(text: string): string {
  const m = /\*\*([^*\n]{1,80})\*\*/.exec(text);
  return m ? m[1].trim() : l10n.t('Reasoning');
}

export const Reasoning = memo(function Reasoning({ item, streaming }: { item: Of<'reasoning'>; streaming: boolean }) {
  // Collapsed by default; the markdown is only parsed once someone opens it.
  const [open, setOpen] = useState(false);
  return (
    <details className="reasoning" open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>
        <span className="reasoning-label">{streaming ? l10n.t('Thinking') : l10n.t('Thought')}</span>
        <span className="reasoning-title" translate="no">
          {reasoningTitle(item.text)}
        </span>
        {streaming && <Spinner label={l10n.t('in progress')} />}
      </summary>
      {open && (
        <div translate="no">
          <Markdown text={item.text} className="reasoning-body" />
        </div>
      )}
    </details>
  );
});
