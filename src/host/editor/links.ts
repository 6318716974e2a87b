// Which links from the chat may be opened (after the user's click): http(s) URLs
// (VS Code's openExternal still asks about untrusted domains) and files inside the
// workspace. Everything else (command:, vscode:, javascript:, files outside the
// folder) is refused with a reason. Pure.
import * as l10n from '@vscode/l10n';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export type LinkTarget =
  | { kind: 'external'; url: string }
  | { kind: 'file'; path: string; line?: number }
  | { kind: 'refused'; reason: string };

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

export function classifyLink(href: string, root: string | undefined): LinkTarget {
  const trimmed = href.trim();
  const scheme = SCHEME.exec(trimmed)?.[1]?.toLowerCase();
  // A Windows drive letter ("C:\\x") is a path, not a scheme.
  const isDrive = scheme !== undefined && scheme.length === 1 && /^[a-z]:[\\/]/i.test(trimmed);
  if (scheme === 'http' || scheme === 'https') {
    try {
      return { kind: 'external', url: new URL(trimmed).toString() };
    } catch {
      return { kind: 'refused', reason: l10n.t('That link is not a valid URL.') };
    }
  }
  if (scheme && scheme !== 'file' && !isDrive) return { kind: 'refused', reason: l10n.t('Links with "{0}:" are not opened from the chat.', scheme) };
  if (!root) return { kind: 'refused', reason: l10n.t('Open a folder to open file links.') };

  let rest = trimmed;
  let line: number | undefined;
  const hash = rest.indexOf('#');
  if (hash >= 0) {
    const m = /^L(\d+)/i.exec(rest.slice(hash + 1));
    if (m) line = Number(m[1]);
    rest = rest.slice(0, hash);
  }
  let absolute: string;
  if (scheme === 'file') {
    try {
      absolute = fileURLToPath(rest);
    } catch {
      return { kind: 'refused', reason: l10n.t('That file link is not valid.') };
    }
  } else {
    const lineSuffix = /:(\d+)(?::\d+)?$/.exec(rest);
    if (lineSuffix && line === undefined) {
      line = Number(lineSuffix[1]);
      rest = rest.slice(0, lineSuffix.index);
    }
    try {
      rest = decodeURIComponent(rest);
    } catch {
      // keep it as written
    }
    absolute = path.isAbsolute(rest) ? rest : path.join(root, rest);
  }
  const rel = path.relative(root, path.normalize(absolute));
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return { kind: 'refused', reason: l10n.t('Only files inside the workspace are opened from the chat.') };
  return { kind: 'file', path: rel.split(path.sep).join('/'), ...(line ? { line } : {}) };
}
