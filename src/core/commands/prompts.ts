// Custom prompts: markdown files whose name is a slash command. `/name rest of line`
// sends the file's text with `$ARGUMENTS` replaced by the rest of the line (appended on
// its own line when the file has no `$ARGUMENTS`, so nothing the user typed is lost).
// Optional front matter: `description`, `argument-hint`.
//   <repo>/.tandem/prompts/*.md   (a trusted workspace only; wins on a name clash)
//   ~/.tandem/prompts/*.md
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseFrontMatter } from '../skills/frontMatter';

export interface CustomPrompt {
  /** The command, without "/": the file name without .md. */
  name: string;
  description?: string;
  argumentHint?: string;
  path: string;
  scope: 'repo' | 'user';
  /** The prompt text (front matter removed). */
  body: string;
}

export interface PromptRoots {
  /** ~/.tandem: its prompts/ folder. */
  tandemHome?: string;
  /** The repository (or workspace) root: its .tandem/prompts/. */
  repoRoot?: string;
  trusted: boolean;
}

export interface PromptDiscovery {
  prompts: CustomPrompt[];
  /** One sentence per file skipped or shadowed. */
  problems: string[];
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const MAX_PROMPT_BYTES = 64 * 1024;

async function readFolder(dir: string, scope: CustomPrompt['scope'], problems: string[]): Promise<CustomPrompt[]> {
  let names: string[];
  try {
    names = (await fs.readdir(dir)).filter((n) => n.endsWith('.md')).sort();
  } catch {
    return [];
  }
  const out: CustomPrompt[] = [];
  for (const file of names.slice(0, 500)) {
    const name = file.slice(0, -3);
    const full = path.join(dir, file);
    try {
      if (!NAME.test(name)) throw new Error('its name is not letters, digits, ".", "_" and "-"');
      const st = await fs.stat(full);
      if (!st.isFile()) continue;
      if (st.size > MAX_PROMPT_BYTES) throw new Error(`it is larger than ${MAX_PROMPT_BYTES / 1024} KB`);
      const { data, body } = parseFrontMatter(await fs.readFile(full, 'utf8'));
      const description = typeof data.description === 'string' ? data.description.trim() : undefined;
      const hint = data['argument-hint'] ?? data.argumentHint;
      out.push({ name, path: full, scope, body: body.trim(), ...(description ? { description } : {}), ...(typeof hint === 'string' ? { argumentHint: hint } : {}) });
    } catch (err) {
      problems.push(`Prompt ${full} is skipped: ${(err as Error).message}.`);
    }
  }
  return out;
}

/** Custom prompts, sorted by name; `reserved` names (the built-in commands) are skipped with a note. */
export async function discoverPrompts(roots: PromptRoots, reserved: readonly string[] = []): Promise<PromptDiscovery> {
  const problems: string[] = [];
  const folders: [string, CustomPrompt['scope']][] = [];
  if (roots.repoRoot && roots.trusted) folders.push([path.join(roots.repoRoot, '.tandem', 'prompts'), 'repo']);
  if (roots.tandemHome) folders.push([path.join(roots.tandemHome, 'prompts'), 'user']);
  const byName = new Map<string, CustomPrompt>();
  for (const [dir, scope] of folders) {
    for (const p of await readFolder(dir, scope, problems)) {
      if (reserved.includes(p.name)) problems.push(`Prompt ${p.path} is skipped: /${p.name} is a built-in command.`);
      else if (byName.has(p.name)) problems.push(`Prompt ${p.path} is shadowed by ${byName.get(p.name)!.path}.`);
      else byName.set(p.name, p);
    }
  }
  return { prompts: [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)), problems };
}

/** The message a custom prompt sends for `/name args`. */
export function expandPrompt(prompt: CustomPrompt, args: string): string {
  const rest = args.trim();
  if (prompt.body.includes('$ARGUMENTS')) return prompt.body.split('$ARGUMENTS').join(rest);
  return rest ? `${prompt.body}\n\n${rest}` : prompt.body;
}
