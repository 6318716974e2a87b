// Localization is complete and consistent: every l10n.t string of the host and the
// webview is in l10n/bundle.l10n.json (and nothing stale is), the German bundle and
// package.nls.de.json translate every key with the same placeholders, and package.json
// carries no user-visible literal: each such field is a %key% of package.nls.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const json = (rel: string) => JSON.parse(readFileSync(path.join(root, rel), 'utf8')) as Record<string, unknown>;

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const rel = path.join(dir, name);
    if (statSync(path.join(root, rel)).isDirectory()) return sources(rel);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [rel] : [];
  });
}

/** The first argument of every l10n.t(...) / vscode.l10n.t(...) call that is a plain string literal. */
function calls(): Map<string, string> {
  const found = new Map<string, string>();
  const re = /l10n\.t\(\s*(['"])((?:\\.|(?!\1).)*)\1/g;
  for (const file of [...sources('src/host'), ...sources('webview')]) {
    const text = readFileSync(path.join(root, file), 'utf8');
    for (const m of text.matchAll(re)) found.set(JSON.parse(`"${m[2].replace(/\\'/g, "'").replace(/"/g, '\\"')}"`), file);
  }
  return found;
}

const placeholders = (s: string) => [...s.matchAll(/\{(\d+)\}/g)].map((m) => m[1]).sort().join(',');

test('every l10n.t string is in the exported bundle, and the bundle holds nothing stale', () => {
  const bundle = json('l10n/bundle.l10n.json');
  const used = calls();
  assert.ok(used.size > 250, `found ${used.size} strings`);
  const missing = [...used].filter(([s]) => !(s in bundle)).map(([s, f]) => `${f}: ${s}`);
  assert.deepEqual(missing, [], 'run `npm run l10n` to export them');
  const stale = Object.keys(bundle).filter((k) => !used.has(k));
  assert.deepEqual(stale, [], 'run `npm run l10n` to drop them');
});

for (const [source, translated] of [
  ['l10n/bundle.l10n.json', 'l10n/bundle.l10n.de.json'],
  ['package.nls.json', 'package.nls.de.json'],
] as const) {
  test(`${translated} translates every key of ${source} with the same placeholders`, () => {
    const en = json(source) as Record<string, string>;
    const de = json(translated) as Record<string, string>;
    assert.deepEqual(Object.keys(de).sort(), Object.keys(en).sort());
    for (const [key, value] of Object.entries(en)) {
      assert.ok(typeof de[key] === 'string' && de[key].trim() !== '', `${key} is translated`);
      assert.equal(placeholders(de[key]), placeholders(value), `placeholders of ${key}`);
    }
  });
}

test('package.json has no user-visible literal: every such field is a %key% of package.nls.json', () => {
  const pkg = json('package.json') as Record<string, any>;
  const nls = json('package.nls.json');
  const visible: [string, unknown][] = [];
  const add = (where: string, v: unknown) => v !== undefined && visible.push([where, v]);
  add('displayName', pkg.displayName);
  add('description', pkg.description);
  for (const [k, c] of Object.entries<any>(pkg.capabilities ?? {})) add(`capabilities.${k}`, c.description);
  const c = pkg.contributes;
  for (const list of Object.values<any[]>(c.viewsContainers ?? {})) for (const v of list) add(`viewsContainer ${v.id}`, v.title);
  for (const list of Object.values<any[]>(c.views ?? {})) {
    for (const v of list) {
      add(`view ${v.id}`, v.name);
      add(`view ${v.id} contextualTitle`, v.contextualTitle);
    }
  }
  for (const cmd of c.commands) {
    add(`${cmd.command} title`, cmd.title);
    add(`${cmd.command} category`, cmd.category);
  }
  add('configuration.title', c.configuration.title);
  // a setting's schema, and the schemas nested in it (tandem.mcpServers describes each server's fields)
  const schema = (k: string, p: any): void => {
    if (!p || typeof p !== 'object') return;
    for (const f of ['description', 'markdownDescription', 'deprecationMessage', 'markdownDeprecationMessage']) add(`${k}.${f}`, p[f]);
    for (const [i, d] of (p.enumDescriptions ?? []).entries()) add(`${k}.enumDescriptions[${i}]`, d);
    for (const [name, sub] of Object.entries<any>(p.properties ?? {})) schema(`${k}.${name}`, sub);
    schema(`${k}.*`, p.additionalProperties);
    schema(`${k}[]`, p.items);
  };
  for (const [k, p] of Object.entries<any>(c.configuration.properties)) schema(k, p);
  for (const a of c.codeActions ?? []) {
    add('codeAction title', a.actions.title);
    add('codeAction description', a.actions.description);
  }
  assert.ok(visible.length > 50);
  for (const [where, v] of visible) {
    assert.match(String(v), /^%[^%]+%$/, `${where} is a literal: ${String(v)}`);
    assert.ok(String(v).slice(1, -1) in nls, `${where}: ${String(v)} is in package.nls.json`);
  }
  // where the agent runs: next to the files (Remote-SSH, WSL, containers, code-server)
  assert.deepEqual(pkg.extensionKind, ['workspace']);
  assert.equal(pkg.l10n, './l10n');
});
