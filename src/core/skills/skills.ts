// Skills: folders holding a SKILL.md (YAML front matter with `name` and `description`;
// the body is the instructions; other files are resources and scripts). Found in, from
// the highest precedence to the lowest:
//   <repo>/.tandem/skills/   <repo>/.agents/skills/   (a trusted workspace only)
//   ~/.tandem/skills/        ~/.agents/skills/
// The repository's skill wins over the user's of the same name (like AGENTS.md, the more
// specific one wins) and Tandem's folder over the cross-tool one; the losers are listed
// as shadowed. A folder whose SKILL.md is unusable is skipped with a reason.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseFrontMatter } from './frontMatter';

export interface Skill {
  name: string;
  description: string;
  /** Absolute path of its SKILL.md. */
  path: string;
  /** Its folder (resources and scripts are here). */
  dir: string;
  scope: 'repo' | 'user';
}

export interface SkillDiscovery {
  /** The skills a session gets, sorted by name. */
  skills: Skill[];
  /** Same-named skills of lower precedence. */
  shadowed: Skill[];
  /** One sentence per skipped folder. */
  problems: string[];
}

export interface SkillRoots {
  /** Tandem's user folder (~/.tandem): its skills/ folder. */
  tandemHome?: string;
  /** The user's home: its .agents/skills/ folder. */
  userHome?: string;
  /** The repository (or workspace) root: its .tandem/skills/ and .agents/skills/. */
  repoRoot?: string;
  /** Untrusted workspaces get no repository skills. */
  trusted: boolean;
}

/** Agent Skills names: lowercase letters, digits and hyphens (underscores tolerated), at most 64. */
const NAME = /^[a-z0-9](?:[a-z0-9_-]{0,62}[a-z0-9])?$/;
export const MAX_DESCRIPTION = 1024;
const MAX_SKILL_FILE = 256 * 1024;
const MAX_SKILLS_PER_FOLDER = 200;

/** The folders searched, highest precedence first. */
export function skillFolders(roots: SkillRoots): { dir: string; scope: Skill['scope'] }[] {
  const out: { dir: string; scope: Skill['scope'] }[] = [];
  if (roots.repoRoot && roots.trusted) {
    out.push({ dir: path.join(roots.repoRoot, '.tandem', 'skills'), scope: 'repo' }, { dir: path.join(roots.repoRoot, '.agents', 'skills'), scope: 'repo' });
  }
  if (roots.tandemHome) out.push({ dir: path.join(roots.tandemHome, 'skills'), scope: 'user' });
  if (roots.userHome) out.push({ dir: path.join(roots.userHome, '.agents', 'skills'), scope: 'user' });
  return out;
}

async function readCapped(file: string): Promise<string | undefined> {
  try {
    const st = await fs.stat(file);
    if (!st.isFile()) return undefined;
    if (st.size > MAX_SKILL_FILE) throw new Error(`it is larger than ${MAX_SKILL_FILE / 1024} KB`);
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** Reads one skill folder; undefined when it holds no SKILL.md. Throws with a reason when unusable. */
export async function readSkill(dir: string, scope: Skill['scope']): Promise<Skill | undefined> {
  const file = path.join(dir, 'SKILL.md');
  const text = await readCapped(file);
  if (text === undefined) return undefined;
  const { data, present } = parseFrontMatter(text);
  if (!present) throw new Error('SKILL.md has no front matter (--- name: … description: … ---)');
  const name = typeof data.name === 'string' ? data.name.trim() : '';
  if (!NAME.test(name)) throw new Error(name ? `its name "${name}" is not lowercase letters, digits and hyphens (at most 64)` : 'its front matter has no name');
  const description = typeof data.description === 'string' ? data.description.replace(/\s+/g, ' ').trim() : '';
  if (description === '') throw new Error('its front matter has no description');
  return { name, description: description.slice(0, MAX_DESCRIPTION), path: file, dir, scope };
}

export async function discoverSkills(roots: SkillRoots): Promise<SkillDiscovery> {
  const byName = new Map<string, Skill>();
  const shadowed: Skill[] = [];
  const problems: string[] = [];
  for (const { dir, scope } of skillFolders(roots)) {
    let names: string[];
    try {
      names = (await fs.readdir(dir)).sort();
    } catch {
      continue; // no such folder
    }
    for (const entry of names.slice(0, MAX_SKILLS_PER_FOLDER)) {
      if (entry.startsWith('.')) continue;
      const skillDir = path.join(dir, entry);
      try {
        if (!(await fs.stat(skillDir)).isDirectory()) continue;
        const skill = await readSkill(skillDir, scope);
        if (!skill) continue;
        if (byName.has(skill.name)) shadowed.push(skill);
        else byName.set(skill.name, skill);
      } catch (err) {
        problems.push(`Skill ${skillDir} is skipped: ${(err as Error).message}.`);
      }
    }
  }
  const skills = [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { skills, shadowed, problems };
}

/** The body of a skill's SKILL.md (its instructions), front matter removed. */
export async function readSkillBody(skill: Skill): Promise<string> {
  const text = (await readCapped(skill.path)) ?? '';
  return parseFrontMatter(text).body.trim();
}

/** Skills named as `$name` in a message, in order of mention, once each. */
export function mentionedSkills(text: string, skills: readonly Skill[]): Skill[] {
  const byName = new Map(skills.map((s) => [s.name, s] as const));
  const found: Skill[] = [];
  for (const m of text.matchAll(/(?<![\w$\\])\$([a-z0-9][a-z0-9_-]*)/g)) {
    const skill = byName.get(m[1]) ?? byName.get(m[1].replace(/[-_]+$/, ''));
    if (skill && !found.includes(skill)) found.push(skill);
  }
  return found;
}

/** Longest skills listing in the instructions, in bytes. */
export const SKILLS_LIST_CAP = 8 * 1024;
const LISTED_DESCRIPTION = 300;

/**
 * The skills block of the session's instructions: each skill's name, description and
 * SKILL.md path, sorted by name (byte-stable for the same skills), capped.
 */
export function renderSkillsList(skills: readonly Skill[]): string {
  if (skills.length === 0) return '';
  const head =
    'Skills: folders of instructions for particular tasks. When a task matches a skill\'s description, call load_skill with its name before you start and follow its instructions (load_skill with `file` reads the other files of its folder). A user message may attach a skill\'s instructions itself ("$name").';
  const lines: string[] = [];
  let bytes = Buffer.byteLength(head);
  for (const [i, s] of skills.entries()) {
    const description = s.description.length > LISTED_DESCRIPTION ? `${s.description.slice(0, LISTED_DESCRIPTION - 1)}…` : s.description;
    const line = `- ${s.name}: ${description} (${s.path})`;
    // room is kept for the closing "more skills" line
    if (bytes + Buffer.byteLength(line) + 1 > SKILLS_LIST_CAP - 64) {
      lines.push(`- … ${skills.length - i} more skills not listed (size limit).`);
      break;
    }
    lines.push(line);
    bytes += Buffer.byteLength(line) + 1;
  }
  return `${head}\n${lines.join('\n')}`;
}
