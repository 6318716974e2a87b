// Review rules from AGENTS.md: every section whose heading mentions review ("## Code
// Review Rules", "### Review guidelines", "Reviewing" ...) in the same AGENTS.md files the
// agent reads (global, then repository root down to the workspace folder). A section runs
// to the next heading of the same or a higher level, so its sub-sections come with it.
// Headings are ATX (`## x`) or setext (underlined); lines inside fenced code blocks are
// never headings. Hand-written rather than through markdown-it: headings and fences are
// all this needs, and the core bundle stays without a Markdown parser.
import path from 'node:path';
import { AGENTS_FILE, loadInstructionSources } from '../instructions/agentsMd';

const REVIEW_HEADING = /\breview/i;

interface Heading {
  line: number;
  level: number;
  text: string;
  /** Lines the heading occupies (2 for setext). */
  span: number;
}

function headings(lines: string[]): Heading[] {
  const out: Heading[] = [];
  let fence: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (f) {
      if (fence === undefined) fence = f[1];
      else if (f[1][0] === fence[0] && f[1].length >= fence.length && line.trim() === f[1]) fence = undefined;
      continue;
    }
    if (fence !== undefined) continue;
    const atx = /^ {0,3}(#{1,6})(?:\s+(.*?))?\s*#*\s*$/.exec(line);
    if (atx) {
      out.push({ line: i, level: atx[1].length, text: (atx[2] ?? '').trim(), span: 1 });
      continue;
    }
    const under = /^ {0,3}(=+|-+)\s*$/.exec(lines[i + 1] ?? '');
    if (under && line.trim() !== '' && !/^ {0,3}([-*+]\s|>|\d+[.)]\s)/.test(line)) {
      out.push({ line: i, level: under[1][0] === '=' ? 1 : 2, text: line.trim(), span: 2 });
      i++;
    }
  }
  return out;
}

/** The sections of `markdown` whose heading mentions review, each with its heading. */
export function reviewSections(markdown: string): string[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const hs = headings(lines);
  const sections: string[] = [];
  let coveredTo = -1; // a review heading nested in a taken section is already part of it
  for (let k = 0; k < hs.length; k++) {
    const h = hs[k];
    if (h.line < coveredTo || !REVIEW_HEADING.test(h.text)) continue;
    const next = hs.slice(k + 1).find((n) => n.level <= h.level);
    coveredTo = next ? next.line : lines.length;
    const body = lines.slice(h.line, coveredTo).join('\n').trim();
    if (body.split('\n').length > h.span) sections.push(body);
  }
  return sections;
}

/**
 * The review rules for a review rooted at `root`, rendered for the reviewer's system
 * prompt ('' when no AGENTS.md has a review section).
 */
export async function loadReviewRules(root: string, globalDir?: string): Promise<string> {
  const sources = await loadInstructionSources({ globalDir, cwd: root });
  const blocks: string[] = [];
  for (const s of sources) {
    const sections = reviewSections(s.text);
    if (sections.length === 0) continue;
    const label = s.scope === 'global' ? `global ${AGENTS_FILE}` : path.relative(root, s.path).split(path.sep).join('/') || AGENTS_FILE;
    blocks.push(`<review-rules source="${label}">\n${sections.join('\n\n')}\n</review-rules>`);
  }
  return blocks.join('\n\n');
}
