// Machine description, console output and BENCHMARKS.md. Results of areas not run this
// time are kept from bench/results/last.json, each with its own date, so
// `npm run bench -- edits` refreshes one table without dropping the others.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AreaResult } from './types';

export interface Machine {
  cpu: string;
  cores: number;
  memory: string;
  os: string;
  node: string;
  load: string;
}

export function machine(): Machine {
  const cpus = os.cpus();
  let osName = `${os.type()} ${os.release()}`;
  try {
    const rel = readFileSync('/etc/os-release', 'utf8');
    const m = /^PRETTY_NAME="?([^"\n]+)"?/m.exec(rel);
    if (m) osName = `${m[1]} (${os.type()} ${os.release()})`;
  } catch {
    // not Linux: os.type() is enough
  }
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GB`,
    os: osName,
    node: process.version,
    load: os.loadavg().map((l) => l.toFixed(2)).join(' / '),
  };
}

const ORDER = ['weight', 'streaming', 'long-session', 'edits', 'sandbox', 'tokens', 'loop', 'sandbox-import', 'subagents', 'long-horizon', 'startup'];

export function loadLast(file: string): Record<string, AreaResult & { machine?: Machine }> {
  if (!existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return {};
  }
}

export function saveLast(file: string, all: Record<string, AreaResult & { machine?: Machine }>): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(all, null, 2) + '\n');
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/**
 * The `## ` sections of a BENCHMARKS.md that no area writes (before/after comparisons and
 * other hand-written readings), in their order: a bench run keeps them.
 */
export function handWrittenSections(markdown: string, areaTitles: readonly string[]): string[] {
  const written = new Set([...areaTitles, 'Budgets missed']);
  const sections: string[] = [];
  for (const part of markdown.split(/^(?=## )/m).slice(1)) {
    const title = part.slice(3, part.indexOf('\n') < 0 ? undefined : part.indexOf('\n')).trim();
    if (!written.has(title)) sections.push(part.replace(/\n*$/, '\n'));
  }
  return sections;
}

export function renderMarkdown(all: Record<string, AreaResult & { machine?: Machine }>, now: Machine, kept: readonly string[] = []): string {
  const lines: string[] = [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (one area: `npm run bench -- edits`). Every figure is a distribution or a ratio from one run on a shared, noisy machine: read medians and ratios, not single values. CI does not run this and nothing here fails a build; a missed budget is marked **MISSED** and printed by the bench.',
    '',
    `Machine of the latest run: ${now.cpu}, ${now.cores} cores, ${now.memory} RAM, ${now.os}, Node ${now.node}; load average at the end ${now.load}.`,
    '',
  ];
  const missed: string[] = [];
  const ids = [...ORDER.filter((id) => all[id]), ...Object.keys(all).filter((id) => !ORDER.includes(id))];
  for (const id of ids) {
    const r = all[id];
    lines.push(`## ${r.title}`, '');
    const m = r.machine;
    lines.push(`Last run ${r.ranAt} (${(r.durationMs / 1000).toFixed(0)} s)${m && (m.cpu !== now.cpu || m.cores !== now.cores) ? ` on ${m.cpu}, ${m.cores} cores` : ''}${m ? `, load ${m.load}` : ''}.`, '');
    if (r.notMeasured) {
      lines.push(`**Not measured:** ${r.notMeasured}`, '');
      continue;
    }
    lines.push('| Figure | Budget | Last value | What dominates |', '|---|---|---|---|');
    for (const f of r.figures) {
      const status = f.ok === false ? ' **MISSED**' : f.ok === true ? ' ✓' : '';
      if (f.ok === false) missed.push(`${r.title}: ${f.figure}: ${f.value} (budget ${f.budget})`);
      lines.push(`| ${cell(f.figure)} | ${cell(f.budget ?? '—')} | ${cell(f.value)}${status} | ${cell(f.reading)} |`);
    }
    lines.push('');
    for (const n of r.notes ?? []) lines.push(`- ${n}`);
    if (r.notes?.length) lines.push('');
  }
  for (const section of kept) lines.push(section);
  if (missed.length) lines.push('## Budgets missed', '', ...missed.map((m) => `- ${m}`), '');
  return lines.join('\n');
}

export function printArea(r: AreaResult): void {
  console.log(`\n=== ${r.title} (${(r.durationMs / 1000).toFixed(1)} s) ===`);
  if (r.notMeasured) {
    console.log(`  not measured: ${r.notMeasured}`);
    return;
  }
  for (const f of r.figures) {
    const tag = f.ok === false ? 'BUDGET MISSED' : f.ok === true ? 'ok' : f.value === 'not measured' ? 'not measured' : '';
    console.log(`  ${f.figure}\n    ${f.value}${f.budget ? `   [budget ${f.budget}]` : ''}${tag ? `   ${tag}` : ''}\n    ${f.reading}`);
  }
  const missed = r.figures.filter((f) => f.ok === false);
  if (missed.length) console.log(`  !!! ${missed.length} budget(s) missed in ${r.title}: ${missed.map((f) => f.figure).join('; ')}`);
}
