// YAML front matter of a markdown file (SKILL.md, custom prompts): a first line `---`,
// YAML, a line `---`, then the body. Parsed with js-yaml's CORE schema (plain data: no
// custom tags, no dates), so a file can only ever yield strings, numbers, lists and maps.
import { load, CORE_SCHEMA } from 'js-yaml';

export interface FrontMatter {
  /** The YAML mapping ({} when the file has no front matter). */
  data: Record<string, unknown>;
  /** The text after the front matter. */
  body: string;
  /** False when the file does not start with front matter. */
  present: boolean;
}

/** Throws Error with a one-line reason when the front matter is not a YAML mapping. */
export function parseFrontMatter(text: string): FrontMatter {
  const src = text.replace(/^\uFEFF/, '');
  const open = /^---[ \t]*\r?\n/.exec(src);
  if (!open) return { data: {}, body: src, present: false };
  const rest = src.slice(open[0].length);
  const close = /^---[ \t]*(\r?\n|$)/m.exec(rest);
  if (!close) throw new Error('the front matter has no closing "---" line');
  const yaml = rest.slice(0, close.index);
  let data: unknown;
  try {
    data = load(yaml, { schema: CORE_SCHEMA });
  } catch (err) {
    throw new Error(`its front matter is not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  if (data === undefined || data === null) data = {};
  if (typeof data !== 'object' || Array.isArray(data)) throw new Error('its front matter is not a YAML mapping');
  return { data: data as Record<string, unknown>, body: rest.slice(close.index + close[0].length), present: true };
}
