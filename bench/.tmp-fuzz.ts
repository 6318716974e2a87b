import { applyPatchText as oldApply } from './.tmpold/index';
import { applyPatchText as newApply } from '../src/core/patch/index';
let seed = 7; const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
const atoms = ['a', 'b', '  a', 'a  ', '\ta', 'x\u2014y', 'x-y', '“q”', '"q"', '', '}', '\u00A0a'];
const run = (f: any, p: string, t: string) => { try { return JSON.stringify(f(p, new Map([['f', t]]))); } catch (e: any) { return 'ERR ' + e.message; } };
let diff = 0, ok = 0;
for (let iter = 0; iter < 20000; iter++) {
  const lines = Array.from({ length: 1 + rnd(12) }, () => atoms[rnd(atoms.length)]);
  const body: string[] = [];
  for (let h = 0; h < 1 + rnd(3); h++) {
    body.push(rnd(4) === 0 ? '@@ ' + atoms[rnd(atoms.length)] : '@@');
    for (let k = 0; k < 1 + rnd(3); k++) { const r = rnd(3); body.push((r === 0 ? ' ' : r === 1 ? '-' : '+') + atoms[rnd(atoms.length)]); }
    if (rnd(6) === 0) body.push('*** End of File');
  }
  const p = `*** Begin Patch\n*** Update File: f\n${body.join('\n')}\n*** End Patch`;
  const t = lines.join(rnd(3) === 0 ? '\r\n' : '\n') + (rnd(2) ? '\n' : '');
  const a = run(oldApply, p, t), b = run(newApply, p, t);
  if (a.startsWith('ERR')) (globalThis as any).e = ((globalThis as any).e ?? 0) + 1; if (a.includes('match ')) (globalThis as any).amb = ((globalThis as any).amb ?? 0) + 1;
  if (a !== b) { if (diff++ < 3) console.log('DIFF', JSON.stringify(p), JSON.stringify(t), '\n', a, '\n', b); } else ok++;
}
console.log('same', ok, 'diff', diff);
console.log('errors', (globalThis as any).e, 'ambiguous', (globalThis as any).amb);
