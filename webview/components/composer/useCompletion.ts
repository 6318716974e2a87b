// State of the composer's `/` and `$` popup: which completion the caret is in, the
// host's commands and skills (commands/list, asked each time the popup opens: prompts
// and skills are files the user edits), the matches and the active option.
import { useCallback, useMemo, useRef, useState } from 'react';
import type { SkillSummary, SlashCommand } from '../../../src/protocol';
import { useCall } from '../../context';
import { activeCompletion, matchCommands, matchSkills, type ActiveCompletion } from './completion';

export interface CompletionLists {
  commands: SlashCommand[];
  skills: SkillSummary[];
}

export type CompletionOption = { kind: 'command'; command: SlashCommand } | { kind: 'skill'; skill: SkillSummary };

export interface Completion {
  active?: ActiveCompletion;
  options: CompletionOption[];
  index: number;
  loading: boolean;
  /** Re-reads the completion at the caret after any edit or caret move. */
  update(text: string, caret: number): void;
  move(delta: number): void;
  setIndex(i: number): void;
  /** Closes the popup; `dismiss` (Escape) keeps it closed for this token until the caret leaves it. */
  close(dismiss?: boolean): void;
  /** The lists, asked for now if they never were (Send needs them to tell a command from a message). */
  lists(): Promise<CompletionLists | undefined>;
}

export function optionName(o: CompletionOption): string {
  return o.kind === 'command' ? o.command.name : o.skill.name;
}

export function useCompletion(): Completion {
  const call = useCall();
  const [active, setActive] = useState<ActiveCompletion>();
  const [loaded, setLoaded] = useState<CompletionLists>();
  const [loading, setLoading] = useState(false);
  const [index, setIndex] = useState(0);
  const latest = useRef<CompletionLists>();
  const current = useRef<ActiveCompletion>();
  const dismissedAt = useRef(-1);
  const seq = useRef(0);

  const fetchLists = useCallback(async (): Promise<CompletionLists | undefined> => {
    const mine = ++seq.current;
    setLoading(true);
    const res = await call('commands/list', {});
    if (mine === seq.current) setLoading(false);
    if (!res) return latest.current; // the failure shows as a notice; keep what we had
    latest.current = res;
    setLoaded(res);
    return res;
  }, [call]);

  const update = useCallback(
    (text: string, caret: number) => {
      const next = activeCompletion(text, caret);
      if (!next || next.start === dismissedAt.current) {
        if (!next) dismissedAt.current = -1;
        current.current = undefined;
        setActive(undefined);
        return;
      }
      const prev = current.current;
      // opening, or moving to another token: ask the host again
      if (!prev || prev.start !== next.start || prev.kind !== next.kind) void fetchLists();
      if (!prev || prev.query !== next.query) setIndex(0);
      current.current = next;
      setActive(next);
    },
    [fetchLists],
  );

  const options = useMemo((): CompletionOption[] => {
    if (!active || !loaded) return [];
    return active.kind === 'command'
      ? matchCommands(loaded.commands, active.query).map((command) => ({ kind: 'command', command }))
      : matchSkills(loaded.skills, active.query).map((skill) => ({ kind: 'skill', skill }));
  }, [active, loaded]);

  const close = useCallback(
    (dismiss = false) => {
      if (active && dismiss) dismissedAt.current = active.start;
      current.current = undefined;
      setActive(undefined);
    },
    [active],
  );

  const move = useCallback((delta: number) => setIndex((i) => (options.length === 0 ? 0 : (i + delta + options.length) % options.length)), [options.length]);

  const lists = useCallback(async () => latest.current ?? fetchLists(), [fetchLists]);

  return { active, options, index: Math.min(index, Math.max(0, options.length - 1)), loading, update, move, setIndex, close, lists };
}
