// The composer's slash commands and skills, as one hook the Composer plugs in:
// - the `/` and `$` popup (keys: arrows move, Tab completes, Enter completes, or runs
//   the command when its whole name is typed already, Escape closes);
// - picking a skill completes `$name` and attaches the skill (a chip);
// - Send: a draft that names a known command runs it (commands/run) instead of sending a
//   message; the composer says which command runs until the host answers, and a failure
//   puts the draft back, like a failed send.
import { useCallback, useId, useState, type KeyboardEvent, type RefObject } from 'react';
import type { Attachment } from '../../../src/protocol';
import { useCall } from '../../context';
import { commandOf, complete, looksLikeCommand } from './completion';
import { CompletionList } from './CompletionList';
import { optionId } from './MentionList';
import { optionName, useCompletion, type CompletionOption } from './useCompletion';

export interface ComposerCommandsDeps {
  area: RefObject<HTMLTextAreaElement>;
  draft: string;
  setDraft(text: string): void;
  attach(a: Attachment): void;
}

export interface ComposerCommands {
  open: boolean;
  /** For the textarea's aria-controls / aria-activedescendant. */
  listId: string;
  activeOptionId?: string;
  /** The popup, or null. */
  popup: JSX.Element | null;
  /** The command running now ("/compact"), for the composer to show. */
  running?: string;
  update(text: string, caret: number): void;
  /** Closes the popup (it opens again as soon as the caret is in a `/` or `$` token). */
  close(): void;
  /** Handles a key for the popup; true when it did (the composer does nothing more). */
  onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>, send: () => void): boolean;
  /**
   * Runs the draft as a command when it names one: true when it did (successfully or
   * not: a failure shows a notice and the caller restores the draft), false when the
   * draft is an ordinary message.
   */
  runIfCommand(text: string, attachments: Attachment[]): Promise<{ command: boolean; ok: boolean }>;
}

export function useComposerCommands({ area, draft, setDraft, attach }: ComposerCommandsDeps): ComposerCommands {
  const call = useCall();
  const completion = useCompletion();
  const listId = useId();
  const [running, setRunning] = useState<string>();
  const open = completion.active !== undefined;

  const pick = useCallback(
    (option: CompletionOption) => {
      const el = area.current;
      const active = completion.active;
      if (!el || !active) return;
      const next = complete(draft, el.selectionStart, active, optionName(option));
      setDraft(next.text);
      if (option.kind === 'skill') attach({ type: 'skill', name: option.skill.name, path: option.skill.path });
      completion.close();
      requestAnimationFrame(() => el.setSelectionRange(next.caret, next.caret));
    },
    [area, completion, draft, setDraft, attach],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>, send: () => void): boolean => {
    if (!open) return false;
    const chosen = completion.options[completion.index];
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      completion.move(e.key === 'ArrowDown' ? 1 : -1);
      return true;
    }
    if (e.key === 'Escape') {
      e.preventDefault();
      completion.close(true);
      return true;
    }
    if ((e.key === 'Enter' && !e.shiftKey) || e.key === 'Tab') {
      if (!chosen) return false;
      e.preventDefault();
      // the whole name typed already: Enter runs it (Tab still completes)
      if (e.key === 'Enter' && chosen.kind === 'command' && completion.active?.query === chosen.command.name) {
        completion.close();
        send();
      } else pick(chosen);
      return true;
    }
    return false;
  };

  const runIfCommand = async (text: string, attachments: Attachment[]) => {
    if (!looksLikeCommand(text)) return { command: false, ok: true };
    const lists = await completion.lists();
    const command = lists && commandOf(text, lists.commands);
    if (!command) return { command: false, ok: true };
    completion.close();
    setRunning(`/${command.name}`);
    try {
      const res = await call('commands/run', attachments.length ? { text, attachments } : { text });
      return { command: true, ok: res !== undefined };
    } finally {
      setRunning(undefined);
    }
  };

  const active = completion.active;
  const popup = active ? (
    <CompletionList id={listId} kind={active.kind} options={completion.options} active={completion.index} loading={completion.loading} onPick={pick} onHover={completion.setIndex} />
  ) : null;
  return {
    open,
    listId,
    ...(open && completion.options.length > 0 ? { activeOptionId: optionId(listId, completion.index) } : {}),
    popup,
    ...(running ? { running } : {}),
    update: completion.update,
    close: () => completion.close(),
    onKeyDown,
    runIfCommand,
  };
}
