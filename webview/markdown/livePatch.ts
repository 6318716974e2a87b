// Keeps a markdown container's DOM in step with its blocks without rebuilding it:
// finished blocks keep their nodes; a changed block is replaced alone; and when the
// last block only grew by plain text at its end (the common streaming case: a paragraph,
// list item or code block receiving more words) that text is appended to its last text
// node, so the browser neither re-parses nor re-creates the block.
// Safety: appended text goes in as text-node data (never parsed as HTML), and only when
// the HTML it came from holds no markup or entity at all ('<', '>', '&').

/** Block boundaries in the container: a comment before each block's nodes. */
export const BLOCK_MARK = 'md';

/** The HTML the container starts with (blocks separated by their markers). */
export function initialHtml(blocks: readonly string[]): string {
  return blocks.map((html) => `<!--${BLOCK_MARK}-->${html}`).join('');
}

/**
 * When `next` is `prev` grown by plain text just before its closing tags: that text and
 * how many newline text nodes follow the insertion point (one per '\n' among the tags).
 */
export function appendedText(prev: string, next: string): { text: string; trailing: number } | undefined {
  if (next.length <= prev.length) return undefined;
  let i = 0;
  const max = prev.length;
  while (i < max && prev.charCodeAt(i) === next.charCodeAt(i)) i++;
  const rest = prev.slice(i);
  if (!/^(<\/[a-z0-9]+>\n?)*$/.test(rest)) return undefined;
  if (i === 0 || prev[i - 1] === '>' || !next.endsWith(rest)) return undefined;
  const added = next.slice(i, next.length - rest.length);
  if (/[<>&]/.test(added)) return undefined;
  return { text: added, trailing: (rest.match(/\n/g) ?? []).length };
}

/** Appends `text` to the content text node before the block's `trailing` whitespace nodes. */
function appendToBlock(nodes: readonly Node[], text: string, trailing: number): boolean {
  let skip = trailing;
  for (let n = nodes.length - 1; n >= 0; n--) {
    const walker = (nodes[n].ownerDocument ?? document).createTreeWalker(nodes[n], 4 /* NodeFilter.SHOW_TEXT */);
    const texts: Text[] = [];
    if (nodes[n].nodeType === 3) texts.push(nodes[n] as Text);
    else for (let t = walker.nextNode(); t; t = walker.nextNode()) texts.push(t as Text);
    for (let k = texts.length - 1; k >= 0; k--) {
      if (skip > 0) {
        if (texts[k].data !== '\n') return false; // not the layout we expected
        skip--;
        continue;
      }
      texts[k].appendData(text);
      return true;
    }
  }
  return false;
}

interface Block {
  html: string;
  nodes: Node[];
}

export class LiveBlocks {
  private blocks: Block[] = [];

  /** Adopts the nodes the initial HTML created (split at the markers). */
  constructor(private readonly root: HTMLElement, htmls: readonly string[]) {
    let current: Node[] | undefined;
    for (const node of Array.from(root.childNodes)) {
      if (node.nodeType === 8 && (node as Comment).data === BLOCK_MARK) {
        current = [];
        this.blocks.push({ html: htmls[this.blocks.length] ?? '', nodes: current });
        current.push(node);
      } else current?.push(node);
    }
    if (this.blocks.length !== htmls.length) this.reset(htmls);
  }

  update(htmls: readonly string[]): void {
    const doc = this.root.ownerDocument;
    for (let i = 0; i < htmls.length; i++) {
      const old = this.blocks[i];
      const html = htmls[i];
      if (old && old.html === html) continue;
      if (old && i === this.blocks.length - 1) {
        const added = appendedText(old.html, html);
        if (added && appendToBlock(old.nodes.slice(1), added.text, added.trailing)) {
          old.html = html;
          continue;
        }
      }
      const template = doc.createElement('template');
      template.innerHTML = `<!--${BLOCK_MARK}-->${html}`;
      const nodes = Array.from(template.content.childNodes);
      const before = this.blocks[i + 1]?.nodes[0] ?? null;
      if (old) for (const n of old.nodes) n.parentNode?.removeChild(n);
      this.root.insertBefore(template.content, before);
      this.blocks[i] = { html, nodes };
    }
    for (const gone of this.blocks.splice(htmls.length)) for (const n of gone.nodes) n.parentNode?.removeChild(n);
  }

  private reset(htmls: readonly string[]): void {
    this.root.innerHTML = '';
    this.blocks = [];
    this.update(htmls);
  }
}
