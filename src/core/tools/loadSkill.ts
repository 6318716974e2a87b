// load_skill: reads a skill's instructions (its SKILL.md body) or another file of its
// folder. Skills in the user's folders lie outside the workspace, where read_file and the
// sandbox cannot reach; this tool reads only files inside a known skill's folder (the
// real path is checked, so a symlink cannot lead out). Read-only.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import type { Skill } from '../skills/skills';
import { readSkillBody } from '../skills/skills';
import { isInsideRoot } from '../util/paths';
import { capHeadTail, decodeFile } from './common';
import { ToolError, type Tool } from './types';

const parameters = Type.Object(
  {
    name: Type.String({ description: 'The skill name, as listed in the instructions.' }),
    file: Type.Optional(Type.String({ description: 'A file of the skill folder, relative to it (default: the instructions, SKILL.md).' })),
  },
  { additionalProperties: false },
);

const MAX_FILE_BYTES = 64 * 1024;
const MAX_LISTED = 50;

/** Files of a skill folder (relative, two levels deep), for the model to know what it can read. */
async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string, depth: number) => {
    let entries;
    try {
      entries = await fs.readdir(path.join(dir, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (out.length >= MAX_LISTED || e.name.startsWith('.')) continue;
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory() && depth < 2) await walk(p, depth + 1);
      else if (e.isFile() && p !== 'SKILL.md') out.push(p);
    }
  };
  await walk('', 0);
  return out;
}

export function createLoadSkillTool(skills: readonly Skill[]): Tool<typeof parameters> {
  const byName = new Map(skills.map((s) => [s.name, s] as const));
  return {
    name: 'load_skill',
    description: "Load a skill's instructions (listed in your instructions under Skills), or another file of its folder. Follow a skill's instructions when you use it.",
    parameters,
    mutates: false,
    async run(args: Static<typeof parameters>) {
      const skill = byName.get(args.name.trim().replace(/^\$/, ''));
      if (!skill) throw new ToolError(`There is no skill named "${args.name}". Skills: ${[...byName.keys()].join(', ') || '(none)'}.`);
      if (args.file === undefined || args.file === '' || args.file === 'SKILL.md') {
        const files = await listFiles(skill.dir);
        const listing = files.length ? `\n\nOther files in ${skill.dir} (read them with load_skill and file):\n${files.map((f) => `- ${f}`).join('\n')}` : '';
        return { success: true, output: `Skill "${skill.name}" (${skill.path}):\n\n${capHeadTail(await readSkillBody(skill), MAX_FILE_BYTES, 0)}${listing}` };
      }
      const target = path.resolve(skill.dir, args.file);
      let real: string;
      try {
        real = await fs.realpath(target);
      } catch {
        throw new ToolError(`The skill "${skill.name}" has no file ${args.file}.`);
      }
      if (!isInsideRoot(await fs.realpath(skill.dir), real)) throw new ToolError(`${args.file} is outside the skill's folder.`);
      const st = await fs.stat(real);
      if (!st.isFile()) throw new ToolError(`${args.file} is not a file.`);
      const decoded = decodeFile(await fs.readFile(real));
      if ('unreadable' in decoded) throw new ToolError(`${args.file} cannot be shown: ${decoded.unreadable}.`);
      return { success: true, output: capHeadTail(decoded.text, MAX_FILE_BYTES, 4096) };
    },
  };
}
