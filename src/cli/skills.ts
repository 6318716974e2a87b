// `tandem skills`: the skills a session here gets (and those shadowed or skipped, with
// the reason), and the slash commands: built-in ones and custom prompts.
import os from 'node:os';
import path from 'node:path';
import { discoverSkills, findRepoRoot, listSlashCommands, loadCustomPrompts } from '../core/index';
import type { InspectFlags } from './args';
import { UsageError } from './args';
import { isFolder, storageDir } from './env';
import { oneLine, type Out } from './render';

/** Where skills and prompts are looked for: the repository holding `cwd` (or `cwd`), ~/.tandem and ~. */
export async function commandRoots(cwd: string): Promise<{ tandemHome: string; userHome: string; repoRoot: string; trusted: true }> {
  return { tandemHome: storageDir(), userHome: os.homedir(), repoRoot: (await findRepoRoot(cwd)) ?? cwd, trusted: true };
}

export async function skillsCommand(flags: InspectFlags, out: Out): Promise<number> {
  const cwd = path.resolve(flags.cwd ?? process.cwd());
  if (!isFolder(cwd)) throw new UsageError(`--cwd is not a folder: ${cwd}`);
  const roots = await commandRoots(cwd);
  const found = await discoverSkills(roots);
  const prompts = await loadCustomPrompts(roots);
  const commands = listSlashCommands(prompts.prompts);
  const problems = [...found.problems, ...prompts.problems];
  if (flags.json) {
    out.stdout(`${JSON.stringify({ skills: found.skills, shadowed: found.shadowed, commands, problems })}\n`);
    return 0;
  }
  const lines: string[] = [];
  if (found.skills.length === 0) lines.push('No skills. Add folders with a SKILL.md to ~/.tandem/skills, ~/.agents/skills, .tandem/skills or .agents/skills.');
  else lines.push('Skills ($name in a message attaches one):', ...found.skills.flatMap((s) => [`  $${s.name}  ${oneLine(s.description, 100)}`, `      ${s.path}`]));
  for (const s of found.shadowed) lines.push(`  (shadowed: ${s.path})`);
  lines.push('', 'Slash commands:', ...commands.map((c) => `  /${c.name}${c.argumentHint ? ` ${c.argumentHint}` : ''}  ${oneLine(c.description, 90)}${c.path ? `  (${c.path})` : ''}`));
  out.stdout(`${lines.join('\n')}\n`);
  for (const p of problems) out.stderr(`warning: ${p}\n`);
  return 0;
}
