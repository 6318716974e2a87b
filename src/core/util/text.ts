// Text helpers shared by staging, patching and tools. Everything here is byte-exact:
// nothing normalises line endings or strips a BOM unless a function says so.

/** How many leading bytes to sniff for NUL (same heuristic as git and grep). */
const SNIFF_BYTES = 8000;

/** True when the first 8000 bytes contain a NUL byte. */
export function isBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, SNIFF_BYTES);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}

const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

/**
 * Decodes UTF-8 strictly: undefined for invalid UTF-8 (callers treat such files as
 * binary rather than risk a lossy round trip). A BOM is kept as U+FEFF so that
 * encodeUtf8(decodeUtf8Strict(b)) gives back exactly b.
 */
export function decodeUtf8Strict(bytes: Uint8Array): string | undefined {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return undefined;
  }
}

export function encodeUtf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Text for bytes that are neither NUL-sniffed binary nor invalid UTF-8, else undefined. */
export function asText(bytes: Uint8Array): string | undefined {
  return isBinary(bytes) ? undefined : decodeUtf8Strict(bytes);
}

export function bytesEqual(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.length !== b.length) return false;
  // native comparison: files compared here can be large (a command's output files)
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

export type EolStyle = 'lf' | 'crlf' | 'mixed' | 'none';

/** Line-ending style of a text: 'none' without any newline, 'mixed' when both occur. */
export function detectEol(text: string): EolStyle {
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++;
    else lf++;
  }
  if (crlf === 0 && lf === 0) return 'none';
  if (crlf > 0 && lf > 0) return 'mixed';
  return crlf > 0 ? 'crlf' : 'lf';
}

/**
 * Rewrites a uniformly-LF text to CRLF or a uniformly-CRLF text to LF so that it
 * matches `style`. Mixed or newline-free texts, and 'mixed'/'none' targets, are
 * returned unchanged: we only fix an obviously foreign convention, never guess.
 */
export function matchEol(text: string, style: EolStyle): string {
  const own = detectEol(text);
  if (own === 'lf' && style === 'crlf') return text.replace(/\n/g, '\r\n');
  if (own === 'crlf' && style === 'lf') return text.replace(/\r\n/g, '\n');
  return text;
}

/**
 * Splits into lines that keep their terminator ("a\r\n", "b\n", and a last "c" when
 * the text does not end with a newline). Only "\n" ends a line (a lone "\r" does
 * not), which matches the `diff` package's line tokenizer. join('') is the input.
 */
export function splitLinesKeepEol(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', start)) {
    out.push(text.slice(start, i + 1));
    start = i + 1;
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

/**
 * Splits into lines without terminators, saying whether the last line had one.
 * "a\nb\n" -> { lines: ["a", "b"], finalNewline: true }; "" -> { lines: [], finalNewline: false }.
 */
export function splitLines(text: string): { lines: string[]; finalNewline: boolean } {
  const raw = splitLinesKeepEol(text);
  return {
    lines: raw.map(stripEol),
    finalNewline: raw.length > 0 && raw[raw.length - 1].endsWith('\n'),
  };
}

/** A line token without its "\n" or "\r\n". */
export function stripEol(line: string): string {
  if (line.endsWith('\r\n')) return line.slice(0, -2);
  if (line.endsWith('\n')) return line.slice(0, -1);
  return line;
}

/** A size in MB (MiB) for people: one decimal below 10 MB. */
export function mb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}
