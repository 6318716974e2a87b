// A text file as lines plus the facts needed to write it back byte-for-byte where the
// patch did not touch it: each line keeps its own terminator (so a mixed CRLF/LF file
// stays mixed outside the edit), new lines use the file's dominant terminator, a BOM is
// kept, and a missing final newline is remembered.

export interface TextLine {
  text: string;
  /** '\n', '\r\n', or '' for a last line without a newline. */
  eol: string;
}

export interface SplitText {
  lines: TextLine[];
  /** Terminator for new lines: CRLF when most lines end in CRLF, else LF. */
  eol: '\n' | '\r\n';
  bom: boolean;
  /** False when the last line has no terminator. An empty file counts as true. */
  trailingNewline: boolean;
}

export function splitText(text: string): SplitText {
  const bom = text.startsWith('\uFEFF');
  const body = bom ? text.slice(1) : text;
  const lines: TextLine[] = [];
  let crlf = 0;
  let lf = 0;
  let start = 0;
  while (start < body.length) {
    const nl = body.indexOf('\n', start);
    if (nl < 0) {
      lines.push({ text: body.slice(start), eol: '' });
      break;
    }
    if (nl > start && body[nl - 1] === '\r') {
      lines.push({ text: body.slice(start, nl - 1), eol: '\r\n' });
      crlf++;
    } else {
      lines.push({ text: body.slice(start, nl), eol: '\n' });
      lf++;
    }
    start = nl + 1;
  }
  const trailingNewline = lines.length === 0 || lines[lines.length - 1].eol !== '';
  return { lines, eol: crlf > lf ? '\r\n' : '\n', bom, trailingNewline };
}

export function joinText(bom: boolean, lines: readonly TextLine[]): string {
  let out = bom ? '\uFEFF' : '';
  for (const l of lines) out += l.text + l.eol;
  return out;
}

/** Plain line texts (no terminators), e.g. for diff counts. */
export function lineTexts(text: string): string[] {
  return splitText(text).lines.map((l) => l.text);
}
