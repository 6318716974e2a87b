// The message box: Enter sends, Shift+Enter breaks the line (never while an IME is
// composing), `@` opens file suggestions, attached context shows as removable chips.
// While a turn runs the box stays usable: Enter queues the message (QueuedList shows
// it), Ctrl/Cmd+Enter or Steer delivers it into the running turn. Images pasted or
// dropped (or image files picked with `@`) are stored by the host and shown as
// thumbnails. The draft and chips persist across reloads of the view. A failed send
// puts the text back, so nothing typed is lost.
// A native <textarea>, not <vscode-textarea>: the @ suggestions are a combobox whose
// aria-controls / aria-activedescendant must point from the text box at the listbox,
// and ARIA id references do not cross a shadow root; the caret work (selectionStart,
// setSelectionRange, grow-with-content) would reach into the element's shadow DOM
// (wrappedElement); and the element re-renders its inner value from a property on every
// input, which a controlled React value would race with during IME composition.
// The native one is styled with the same --vscode-* input variables.
import * as l10n from '@vscode/l10n';
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Attachment } from '../../../src/protocol';
import { useCall, useDeps, useIsoLayoutEffect, useSelect } from '../../context';
import { attachmentKey, attachmentLabel } from '../../format';
import { completeMention } from './mentions';
import { MentionList, optionId } from './MentionList';
import { AttachButtons, ContextMeter, ModelPickers, PolicyControls, useContextUsage } from './Toolbar';
import { IconButton } from '../ui/IconButton';
import { useMentions } from './useMentions';
import { QueuedList } from './QueuedList';
import { ImageThumb } from '../images/ImageThumb';
import { fileBase64, imageFiles, isImagePath, rememberImage } from '../images/images';

export function Composer() {
  const { ui, store } = useDeps();
  const call = useCall();
  const running = useSelect((s) => s.running);
  const config = useSelect((s) => s.config);
  const fill = useSelect((s) => s.fill);
  const usage = useContextUsage();
  const [draft, setDraft] = useState(() => ui.get().draft);
  const [attachments, setAttachments] = useState<Attachment[]>(() => ui.get().attachments);
  const area = useRef<HTMLTextAreaElement>(null);
  const mentions = useMentions();
  const listId = useId();

  useEffect(() => ui.update({ draft, attachments }), [ui, draft, attachments]);

  // Grow with the text up to a cap (CSS max-height), shrink back after sending.
  useIsoLayoutEffect(() => {
    const el = area.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${el.scrollHeight + 2}px`;
  }, [draft]);

  const attach = useCallback((a: Attachment) => {
    setAttachments((list) => (list.some((x) => attachmentKey(x) === attachmentKey(a)) ? list : [...list, a]));
  }, []);

  // The host asked to fill the composer ("Explain this", …).
  const lastFill = useRef(fill?.seq);
  useEffect(() => {
    if (!fill || fill.seq === lastFill.current) return;
    lastFill.current = fill.seq;
    setDraft(fill.text);
    fill.attachments?.forEach(attach);
    area.current?.focus();
  }, [fill, attach]);

  /** Idle: a new turn. Running: queued, or with `steer` delivered into the running turn. */
  const send = async (steer = false) => {
    if (!draft.trim() && attachments.length === 0) return;
    const text = draft;
    const sent = attachments;
    setDraft('');
    setAttachments([]);
    mentions.close();
    const extra = sent.length ? { attachments: sent } : {};
    const ok = running ? await call('queue/add', { text, ...extra, mode: steer ? 'steer' : 'queue' }) : await call('turn/send', { text, ...extra });
    if (!ok) {
      setDraft((d) => (d === '' ? text : d));
      setAttachments((a) => (a.length === 0 ? sent : a));
    }
  };

  /** Stores images with the host and attaches them (thumbnails show at once). */
  const addImages = async (sources: { data?: string; name?: string; path?: string }[]) => {
    if (config?.images === false) {
      store.dispatch({ type: 'notice/show', kind: 'error', message: l10n.t('Image input is switched off for {0} (setting tandem.imageInputOff).', config.model) });
      return false;
    }
    for (const source of sources) {
      const r = await call('image/add', source);
      if (!r) return false;
      rememberImage(r.attachment.hash, r.url);
      attach(r.attachment);
    }
    return true;
  };

  const onImageData = (data: DataTransfer | null, e: { preventDefault(): void }) => {
    const files = imageFiles(data);
    if (files.length === 0) return;
    e.preventDefault();
    void Promise.all(files.map(async (f) => ({ data: await fileBase64(f), name: f.name || l10n.t('pasted image') }))).then(addImages);
  };

  const pick = (path: string) => {
    const el = area.current;
    if (!el || !mentions.mention) return;
    const next = completeMention(draft, el.selectionStart, mentions.mention, path);
    setDraft(next.text);
    // an image file attaches as an image (a thumbnail), falling back to the file
    if (isImagePath(path) && config?.images !== false) void addImages([{ path }]).then((ok) => ok || attach({ type: 'file', path }));
    else attach({ type: 'file', path });
    mentions.close();
    requestAnimationFrame(() => el.setSelectionRange(next.caret, next.caret));
  };

  const popupOpen = mentions.mention !== undefined;
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.nativeEvent.isComposing || e.keyCode === 229) return; // the IME owns Enter
    if (popupOpen) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        mentions.move(e.key === 'ArrowDown' ? 1 : -1);
        return;
      }
      if ((e.key === 'Enter' || e.key === 'Tab') && mentions.matches.length > 0) {
        e.preventDefault();
        pick(mentions.matches[mentions.active].path);
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        mentions.close();
        return;
      }
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.altKey) {
      e.preventDefault();
      void send(e.ctrlKey || e.metaKey);
    }
  };

  const syncCaret = () => {
    const el = area.current;
    if (el) mentions.update(el.value, el.selectionStart);
  };

  const startMention = () => {
    const el = area.current;
    if (!el) return;
    const at = el.selectionStart;
    const needsSpace = at > 0 && !/\s/.test(draft[at - 1]);
    const text = `${draft.slice(0, at)}${needsSpace ? ' ' : ''}@${draft.slice(el.selectionEnd)}`;
    const caret = at + (needsSpace ? 2 : 1);
    setDraft(text);
    el.focus();
    requestAnimationFrame(() => {
      el.setSelectionRange(caret, caret);
      mentions.update(text, caret);
    });
  };

  const canSend = draft.trim() !== '' || attachments.length > 0;
  return (
    <div className="composer">
      <QueuedList />
      <div className="context-row">
        <AttachButtons onAttach={attach} onMention={startMention} />
        {attachments.length > 0 && (
          <ul className="chips" aria-label={l10n.t('Attached context')}>
            {attachments.map((a) => (
              <li key={attachmentKey(a)} className={`chip${a.type === 'image' ? ' chip-image' : ''}`}>
                {a.type === 'image' && <ImageThumb image={a} />}
                <span className="chip-label" translate="no">
                  {attachmentLabel(a)}
                </span>
                <IconButton
                  className="chip-remove"
                  icon="close"
                  label={l10n.t('Remove {0}', attachmentLabel(a))}
                  onClick={() => setAttachments((list) => list.filter((x) => attachmentKey(x) !== attachmentKey(a)))}
                />
              </li>
            ))}
          </ul>
        )}
      </div>
      {popupOpen && (
        <MentionList
          id={listId}
          matches={mentions.matches}
          active={mentions.active}
          loading={mentions.loading}
          onPick={pick}
          onHover={mentions.setActive}
        />
      )}
      <textarea
        ref={area}
        className="composer-input"
        aria-label={l10n.t('Message Tandem')}
        placeholder={running ? l10n.t('Enter to queue · Ctrl+Enter to steer the running turn') : l10n.t('Ask Tandem — @ to mention a file, paste an image')}
        rows={2}
        value={draft}
        autoFocus
        aria-autocomplete="list"
        aria-controls={popupOpen ? listId : undefined}
        aria-activedescendant={popupOpen && mentions.matches.length > 0 ? optionId(listId, mentions.active) : undefined}
        onChange={(e) => {
          setDraft(e.target.value);
          mentions.update(e.target.value, e.target.selectionStart);
        }}
        onKeyDown={onKeyDown}
        onKeyUp={(e) => {
          if (e.key === 'ArrowLeft' || e.key === 'ArrowRight' || e.key === 'Home' || e.key === 'End') syncCaret();
        }}
        onClick={syncCaret}
        onPaste={(e) => onImageData(e.clipboardData, e)}
        onDrop={(e) => onImageData(e.dataTransfer, e)}
        onBlur={() => mentions.mention && mentions.close()}
      />
      <div className="composer-bar">
        {config && <ModelPickers config={config} />}
        <span className="spacer" />
        {running ? (
          <>
            <IconButton className="send-button" icon="compass" label={l10n.t('Steer')} title={l10n.t('Steer: deliver into the running turn (Ctrl+Enter)')} disabled={!canSend} onClick={() => void send(true)} />
            <IconButton className="send-button" icon="debug-stop" label={l10n.t('Stop')} title={l10n.t('Stop (Ctrl+Alt+Shift+Backspace)')} onClick={() => void call('turn/stop', {})} />
          </>
        ) : (
          <IconButton className="send-button" icon="send" label={l10n.t('Send')} title={l10n.t('Send (Enter)')} disabled={!canSend} onClick={() => void send()} />
        )}
      </div>
      <div className="composer-status">
        {config && <PolicyControls config={config} />}
        <span className="spacer" />
        {usage && <ContextMeter used={usage.used} window={usage.window} subagents={usage.subagents} />}
      </div>
    </div>
  );
}
