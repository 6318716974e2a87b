// Markdown for model output, rendered so that the output itself can cause nothing:
// - html:false: raw HTML in the text is escaped, never parsed;
// - links become <a> without href (role link, focusable) carrying data-href; a click is
//   turned into `link/open` by the host, which decides what may open;
// - only http(s), mailto and scheme-less (workspace-relative) targets become links at
//   all; javascript:, data:, file:, command:, vscode: and the rest stay plain text;
// - images are never loaded: they render as a link labelled with their alt text;
// - code blocks get Copy / Insert at cursor buttons wired by the Markdown component
//   through `data-action` and `data-code` (an index into `codes`);
// - a code block is syntax-highlighted once it is complete (its closing fence arrived):
//   while it streams it stays plain text, which the live patcher appends to cheaply;
//   the block is highlighted once when it closes (highlight/highlight.ts).
import * as l10n from '@vscode/l10n';
import MarkdownIt from 'markdown-it';
import { highlightHtml, languageOf } from '../highlight/highlight';

const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });
// Bare words like README.md would otherwise become http://README.md links (.md is a TLD).
md.linkify.set({ fuzzyLink: false, fuzzyEmail: false });

const ALLOWED = /^(https?|mailto):/i;

/**
 * Whether a link target may become a clickable link (it still opens only via the host).
 * markdown-it hands over the percent-encoded form, so decode first; browsers ignore
 * control characters and whitespace inside a scheme ("java\tscript:"), so drop them.
 * Anything with a colon before the first / ? # has a scheme and must be an allowed one.
 */
export function isAllowedHref(href: string): boolean {
  let decoded = href;
  try {
    decoded = decodeURIComponent(href);
  } catch {
    // malformed escapes: judge the raw text
  }
  const compact = decoded.replace(/[\u0000-\u0020\u007f]/g, '');
  if (compact.startsWith('//') || compact.startsWith('\\\\')) return false; // protocol-relative: a remote fetch
  const colon = compact.indexOf(':');
  const end = compact.search(/[/?#]/);
  const hasScheme = colon !== -1 && (end === -1 || colon < end);
  return !hasScheme || ALLOWED.test(compact);
}

md.validateLink = isAllowedHref;

const esc = md.utils.escapeHtml;

function linkOpen(href: string, title?: string | null): string {
  const label = title ? `${title} (${href})` : href;
  return `<a class="md-link" role="link" tabindex="0" data-href="${esc(href)}" title="${esc(label)}">`;
}

interface Env {
  codes: string[];
  /** The source's lines (split on first use: only fences need them). */
  src: string;
  lines?: string[];
  /** Open links around the current token: an image inside a link must not nest an <a>. */
  linkDepth: number;
}

md.renderer.rules.link_open = (tokens, idx, _o, env) => {
  (env as unknown as Env).linkDepth++;
  const token = tokens[idx];
  const title = token.attrGet('title');
  return linkOpen(String(token.attrGet('href') ?? ''), title == null ? undefined : String(title));
};
md.renderer.rules.link_close = (_t, _i, _o, env) => {
  (env as unknown as Env).linkDepth--;
  return '</a>';
};

md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  const alt = self.renderInlineAsText(token.children ?? [], options, env) || l10n.t('image');
  const src = String(token.attrGet('src') ?? '');
  const label = `<span class="md-image-tag">${esc(l10n.t('image'))}</span> ${esc(alt)}`;
  const insideLink = (env as unknown as Env).linkDepth > 0;
  return isAllowedHref(src) && !insideLink
    ? `${linkOpen(src, l10n.t('Image: {0}', alt))}${label}</a>`
    : `<span class="md-image-text">${label}</span>`;
};

function codeButton(action: 'copy' | 'insert', i: number): string {
  const icon = action === 'copy' ? 'copy' : 'insert';
  const label = action === 'copy' ? l10n.t('Copy code') : l10n.t('Insert code at cursor');
  return (
    `<button type="button" class="md-code-btn icon-button" data-action="${action}" data-code="${i}" aria-label="${esc(label)}" title="${esc(label)}">` +
    `<span class="codicon codicon-${icon}" aria-hidden="true"></span></button>`
  );
}

function codeBlock(code: string, lang: string, env: Env, complete: boolean): string {
  const i = env.codes.push(code) - 1;
  const langLabel = `<span class="md-code-lang" translate="no">${esc(lang)}</span>`;
  const highlighted = complete ? highlightHtml(code.endsWith('\n') ? code.slice(0, -1) : code, languageOf(lang)) : undefined;
  const body = highlighted === undefined ? esc(code) : `${highlighted}${code.endsWith('\n') ? '\n' : ''}`;
  return (
    `<div class="md-code">` +
    `<div class="md-code-bar">${langLabel}${codeButton('copy', i)}${codeButton('insert', i)}` +
    `</div><pre tabindex="0" translate="no"><code${highlighted === undefined ? '' : ' class="hl"'}>${body}</code></pre></div>\n`
  );
}

const FENCE_LINE = /^ {0,3}(`{3,}|~{3,})\s*$/;

/** Whether a fence token's block ended with its closing fence (an unclosed one runs to the end of the text). */
function fenceClosed(map: [number, number] | null, markup: string, env: Env): boolean {
  if (!map || map[1] - map[0] < 2) return false;
  env.lines ??= env.src.split('\n');
  const m = FENCE_LINE.exec(env.lines[map[1] - 1] ?? '');
  return !!m && m[1][0] === markup[0] && m[1].length >= markup.length;
}

md.renderer.rules.fence = (tokens, idx, _o, env) => {
  const token = tokens[idx];
  const lang = token.info.trim().split(/\s+/)[0] ?? '';
  const e = env as unknown as Env;
  return codeBlock(token.content, lang, e, fenceClosed(token.map, token.markup, e));
};
// an indented block has no language to highlight
md.renderer.rules.code_block = (tokens, idx, _o, env) => codeBlock(tokens[idx].content, '', env as unknown as Env, false);

export interface RenderedMarkdown {
  html: string;
  /** Source of each code block, indexed by the buttons' data-code. */
  codes: string[];
}

/** `codeOffset`: the first code block's data-code index (blocks rendered apart share one list). */
export function renderMarkdown(text: string, codeOffset = 0): RenderedMarkdown {
  const env: Env = { codes: new Array<string>(codeOffset), linkDepth: 0, src: text };
  const html = md.render(text, env as unknown as Record<string, unknown>);
  return { html, codes: env.codes.slice(codeOffset) };
}

/**
 * Splits markdown into its top-level blocks (paragraph, list, fence, heading, table …),
 * each with the blank lines after it, so a streaming message renders its finished blocks
 * once and re-renders only the last. Joined, the parts are exactly `text`. Only the
 * block structure is parsed (no inline parsing: cheap). A block, once another starts
 * after it, never changes as text is appended (CommonMark closes it); link reference
 * definitions are the exception (they apply document-wide), so text with any is one part.
 */
export function splitBlocks(text: string): string[] {
  if (!text) return [];
  const env: { references?: Record<string, unknown> } = {};
  const tokens: { level: number; nesting: number; map: [number, number] | null }[] = [];
  // markdown-it's core normalises \r\n and NUL first: do the same so lines match
  const src = text.replace(/\r\n?/g, '\n').replace(/\0/g, '\uFFFD');
  if (src !== text) return [text];
  md.block.parse(src, md, env as never, tokens as never);
  if (env.references && Object.keys(env.references).length > 0) return [text];
  const starts: number[] = [];
  for (const t of tokens) if (t.level === 0 && t.nesting >= 0 && t.map && (starts.length === 0 || t.map[0] > starts[starts.length - 1])) starts.push(t.map[0]);
  if (starts.length <= 1) return [text];
  // offsets of line starts
  const lineAt: number[] = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineAt.push(i + 1);
  const cuts = starts.slice(1).map((line) => lineAt[line]);
  const parts: string[] = [];
  let from = 0;
  for (const cut of cuts) {
    parts.push(text.slice(from, cut));
    from = cut;
  }
  parts.push(text.slice(from));
  return parts;
}
