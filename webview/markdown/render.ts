// Markdown for model output, rendered so that the output itself can cause nothing:
// - html:false: raw HTML in the text is escaped, never parsed;
// - links become <a> without href (role link, focusable) carrying data-href; a click is
//   turned into `link/open` by the host, which decides what may open;
// - only http(s), mailto and scheme-less (workspace-relative) targets become links at
//   all; javascript:, data:, file:, command:, vscode: and the rest stay plain text;
// - images are never loaded: they render as a link labelled with their alt text;
// - code blocks get Copy / Insert at cursor buttons wired by the Markdown component
//   through `data-action` and `data-code` (an index into `codes`).
import MarkdownIt from 'markdown-it';

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
  const alt = self.renderInlineAsText(token.children ?? [], options, env) || 'image';
  const src = String(token.attrGet('src') ?? '');
  const label = `<span class="md-image-tag">image</span> ${esc(alt)}`;
  const insideLink = (env as unknown as Env).linkDepth > 0;
  return isAllowedHref(src) && !insideLink
    ? `${linkOpen(src, `Image: ${alt}`)}${label}</a>`
    : `<span class="md-image-text">${label}</span>`;
};

function codeBlock(code: string, lang: string, env: Env): string {
  const i = env.codes.push(code) - 1;
  const langLabel = lang ? `<span class="md-code-lang">${esc(lang)}</span>` : '<span class="md-code-lang"></span>';
  return (
    `<div class="md-code">` +
    `<div class="md-code-bar">${langLabel}` +
    `<button type="button" class="md-code-btn" data-action="copy" data-code="${i}">Copy</button>` +
    `<button type="button" class="md-code-btn" data-action="insert" data-code="${i}">Insert at cursor</button>` +
    `</div><pre tabindex="0"><code>${esc(code)}</code></pre></div>\n`
  );
}

md.renderer.rules.fence = (tokens, idx, _o, env) => {
  const token = tokens[idx];
  const lang = token.info.trim().split(/\s+/)[0] ?? '';
  return codeBlock(token.content, lang, env as unknown as Env);
};
md.renderer.rules.code_block = (tokens, idx, _o, env) => codeBlock(tokens[idx].content, '', env as unknown as Env);

export interface RenderedMarkdown {
  html: string;
  /** Source of each code block, indexed by the buttons' data-code. */
  codes: string[];
}

/** `codeOffset`: the first code block's data-code index (blocks rendered apart share one list). */
export function renderMarkdown(text: string, codeOffset = 0): RenderedMarkdown {
  const env: Env = { codes: new Array<string>(codeOffset), linkDepth: 0 };
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
