// Renders model markdown (see render.ts for the safety rules) and turns clicks into host
// requests through event delegation: the generated markup has no handlers of its own.
// Re-parses only when `text` changes; the store batches deltas per frame, so a
// streaming message is parsed at most once per frame.
import { createContext, memo, useContext, useMemo, type KeyboardEvent, type MouseEvent } from 'react';
import { renderMarkdown } from './render';

export interface MarkdownActions {
  openLink(href: string): void;
  insertCode(code: string): void;
  copy(text: string): Promise<boolean>;
}

const noop: MarkdownActions = { openLink: () => undefined, insertCode: () => undefined, copy: async () => false };
export const MarkdownActionsContext = createContext<MarkdownActions>(noop);

export const Markdown = memo(function Markdown({ text, className }: { text: string; className?: string }) {
  const actions = useContext(MarkdownActionsContext);
  const { html, codes } = useMemo(() => renderMarkdown(text), [text]);

  const activate = (target: EventTarget, e: { preventDefault(): void }): boolean => {
    if (!(target instanceof Element)) return false;
    const link = target.closest('[data-href]');
    if (link) {
      e.preventDefault();
      actions.openLink(link.getAttribute('data-href') ?? '');
      return true;
    }
    const button = target.closest('button[data-action]');
    if (button instanceof HTMLButtonElement) {
      e.preventDefault();
      const code = codes[Number(button.dataset.code)] ?? '';
      if (button.dataset.action === 'insert') actions.insertCode(code);
      else void actions.copy(code).then((ok) => flash(button, ok ? 'Copied' : 'Copy failed'));
      return true;
    }
    return false;
  };

  const onClick = (e: MouseEvent) => void activate(e.target, e);
  const onKeyDown = (e: KeyboardEvent) => {
    // <a> without href does not turn Enter into a click, so do it here
    if ((e.key === 'Enter' || e.key === ' ') && e.target instanceof Element && e.target.matches('[data-href]')) {
      activate(e.target, e);
    }
  };

  return (
    <div
      className={className ? `markdown ${className}` : 'markdown'}
      onClick={onClick}
      onKeyDown={onKeyDown}
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
});

function flash(button: HTMLButtonElement, label: string) {
  const original = button.dataset.label ?? button.textContent ?? '';
  button.dataset.label = original;
  button.textContent = label;
  setTimeout(() => {
    if (button.isConnected) button.textContent = original;
  }, 1500);
}

/** Clipboard write with a fallback for contexts where the async clipboard is refused. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'offscreen';
    document.body.appendChild(area);
    area.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    } finally {
      area.remove();
    }
  }
}
