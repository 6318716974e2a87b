// Syntax highlighting for chat code blocks and the Changes diffs: Prism tokenizes, and
// this file renders the tokens as escaped HTML with `tk-<type>` classes that
// media/highlight.css colours from the active theme. Lines come back separately (a span
// crossing a line break is closed and reopened), so a diff can place each line in its
// own row. Contract: the output holds only <span class="tk-…"> and escaped text, so it
// is as safe to insert as the escaped code itself.
import type { Token, TokenStream } from 'prismjs';
import { Prism } from './prism';

const ALIASES: Record<string, string> = {
  ts: 'typescript', mts: 'typescript', cts: 'typescript', js: 'javascript', mjs: 'javascript', cjs: 'javascript', node: 'javascript',
  py: 'python', python3: 'python', sh: 'bash', shell: 'bash', zsh: 'bash', console: 'bash', shellsession: 'bash',
  yml: 'yaml', rs: 'rust', golang: 'go', 'c++': 'cpp', cc: 'cpp', cxx: 'cpp', hpp: 'cpp', h: 'c', cs: 'csharp', 'c#': 'csharp',
  kt: 'kotlin', kts: 'kotlin', rb: 'ruby', dockerfile: 'docker', make: 'makefile', mk: 'makefile', ps1: 'powershell', pwsh: 'powershell',
  html: 'markup', xml: 'markup', svg: 'markup', vue: 'markup', jsonc: 'json', json5: 'json', patch: 'diff', cfg: 'ini', conf: 'ini',
};

/** Prism's grammar name for a fence's info word or a file extension; undefined when not highlighted. */
export function languageOf(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const key = name.toLowerCase();
  const lang = ALIASES[key] ?? key;
  return Object.prototype.hasOwnProperty.call(Prism.languages, lang) && typeof Prism.languages[lang] === 'object' ? lang : undefined;
}

/** The language of a workspace file by its name (Dockerfile, Makefile) or extension. */
export function languageForPath(path: string): string | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (/^dockerfile$/i.test(base)) return 'docker';
  if (/^(gnu)?makefile$/i.test(base)) return 'makefile';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? languageOf(base.slice(dot + 1)) : undefined;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Builds HTML line by line, closing open spans at each line break and reopening them after. */
class LineWriter {
  readonly lines: string[] = [''];
  private readonly open: string[] = [];

  text(s: string): void {
    const parts = s.split('\n');
    for (let i = 0; i < parts.length; i++) {
      if (i > 0) {
        this.lines[this.lines.length - 1] += '</span>'.repeat(this.open.length);
        this.lines.push(this.open.map((c) => `<span class="${c}">`).join(''));
      }
      if (parts[i]) this.lines[this.lines.length - 1] += escape(parts[i]);
    }
  }

  token(t: Token): void {
    const aliases = t.alias === undefined ? [] : Array.isArray(t.alias) ? t.alias : [t.alias];
    const cls = [t.type, ...aliases].map((n) => `tk-${n.replace(/[^\w-]/g, '')}`).join(' ');
    this.open.push(cls);
    this.lines[this.lines.length - 1] += `<span class="${cls}">`;
    this.stream(t.content);
    this.open.pop();
    this.lines[this.lines.length - 1] += '</span>';
  }

  stream(s: TokenStream): void {
    if (typeof s === 'string') this.text(s);
    else if (Array.isArray(s)) for (const x of s) this.stream(x);
    else this.token(s);
  }
}

/** Highlighted HTML of each line of `code` (as many as code.split('\n')), or undefined for an unknown language. */
export function highlightLines(code: string, language: string | undefined): string[] | undefined {
  const lang = languageOf(language);
  if (!lang) return undefined;
  const w = new LineWriter();
  w.stream(Prism.tokenize(code, Prism.languages[lang]));
  return w.lines;
}

/** Highlighted HTML of `code`, or undefined for an unknown language. */
export function highlightHtml(code: string, language: string | undefined): string | undefined {
  return highlightLines(code, language)?.join('\n');
}
