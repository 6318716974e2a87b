// Renders model markdown (see render.ts for the safety rules) and turns clicks into host
// requests through event delegation: the generated markup has no handlers of its own.
// Incremental: the text is split into top-level blocks (splitBlocks); each block's HTML
// is rendered once and kept while its source is unchanged, so a streaming message
// re-renders only its last, open block, and the DOM is patched block by block
// (livePatch.ts) instead of being replaced whole.
import * as l10n from '@vscode/l10n';
import { createContext, memo, useContext, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useIsoLayoutEffect } from '../context';
import { LiveBlocks, initialHtml } from './livePatch';
import { renderMarkdown, splitBlocks, type RenderedMarkdown } from './render';

interface RenderedBlock extends RenderedMarkdown {
  src: string;
  offset: number;
}

/** Renders `text` block by block, reusing `previous` blocks whose source and code offset match. */
export function renderBlocks(text: string, previous: readonly RenderedBlock[] = []): RenderedBlock[] {
  const out: RenderedBlock[] = [];
  let offset = 0;
  splitBlocks(text).forEach((src, i) => {
    const prev = previous[i];
    const block = prev && prev.src === src && prev.offset === offset ? prev : { src, offset, ...renderMarkdown(src, offset) };
    out.push(block);
    offset += block.codes.length;
  });
  return out;
}

export interface MarkdownActions {
  openLink(href: string): void;
  insertCode(code: string): void;
  copy(text: string): Promise<boolean>;
}

const noop: MarkdownActions = { openLink: () => undefined, insertCode: () => undefined, copy: async () => false };
export const MarkdownActionsContext = createContext<MarkdownActions>(noop);

export const Markdown = memo(function Markdown({ text, className }: { text: string; className?: string }) {
  const actions = useContext(MarkdownActionsContext);
  const previous = useRef<RenderedBlock[]>([]);
  const blocks = useMemo(() => (previous.current = renderBlocks(text, previous.current)), [text]);
  const codes = useMemo(() => blocks.flatMap((b) => b.codes), [blocks]);
  // The first render's HTML only, kept as the same string so React never resets the
  // container: later changes are patched in by LiveBlocks.
  const [initial] = useState(() => {
    const htmls = blocks.map((b) => b.html);
    return { htmls, prop: { __html: initialHtml(htmls) } };
  });
  const root = useRef<HTMLDivElement>(null);
  const live = useRef<LiveBlocks>();
  useIsoLayoutEffect(() => {
    const htmls = blocks.map((b) => b.html);
    if (!root.current) return;
    live.current ??= new LiveBlocks(root.current, initial.htmls);
    live.current.update(htmls);
  }, [blocks]);

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
      else void actions.copy(code).then((ok) => flash(button, ok ? l10n.t('Copied') : l10n.t('Copy failed'), ok ? 'check' : 'error'));
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
    <div ref={root} className={className ? `markdown ${className}` : 'markdown'} onClick={onClick} onKeyDown={onKeyDown} dangerouslySetInnerHTML={initial.prop} />
  );
});

/** Shows the outcome on the icon button for a moment: its icon, tooltip and name. */
function flash(button: HTMLButtonElement, label: string, icon: string) {
  const glyph = button.querySelector('.codicon');
  const original = { label: button.getAttribute('aria-label') ?? '', cls: glyph?.className ?? '' };
  button.setAttribute('aria-label', label);
  button.title = label;
  if (glyph) glyph.className = `codicon codicon-${icon}`;
  setTimeout(() => {
    if (!button.isConnected) return;
    button.setAttribute('aria-label', original.label);
    button.title = original.label;
    if (glyph) glyph.className = original.cls;
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
