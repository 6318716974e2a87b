// VS Code ships ripgrep; the core's search tool gets its path from here.
// Layouts seen in the wild: node_modules/@vscode/ripgrep (dev builds, code-server),
// node_modules.asar.unpacked/@vscode/ripgrep (packaged desktop builds), and the older
// vscode-ripgrep package name. A missing rg returns undefined: the search tool then
// reports a clear error, nothing crashes.
import * as path from 'node:path';

export function ripgrepCandidates(appRoot: string, platform: NodeJS.Platform): string[] {
  const exe = platform === 'win32' ? 'rg.exe' : 'rg';
  const out: string[] = [];
  for (const modules of ['node_modules', 'node_modules.asar.unpacked']) {
    for (const pkg of ['@vscode/ripgrep', 'vscode-ripgrep']) out.push(path.join(appRoot, modules, pkg, 'bin', exe));
  }
  return out;
}

export async function findRipgrep(
  appRoot: string,
  platform: NodeJS.Platform,
  exists: (file: string) => Promise<boolean>,
): Promise<string | undefined> {
  if (!appRoot) return undefined;
  for (const candidate of ripgrepCandidates(appRoot, platform)) {
    if (await exists(candidate)) return candidate;
  }
  return undefined;
}
