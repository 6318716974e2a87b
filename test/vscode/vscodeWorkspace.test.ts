// The VS Code Workspace adapter against real documents (extension host only).
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { suite, test, setup } from 'mocha';
import { VscodeWorkspace } from '../../src/host/workspace/vscodeWorkspace';
import { PathOutsideWorkspaceError, WorkspaceConflictError } from '../../src/core/workspace/types';

const enc = (s: string) => new TextEncoder().encode(s);

suite('VscodeWorkspace', () => {
  let dir: string;
  let ws: VscodeWorkspace;
  setup(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'tandem-ws-'));
    ws = new VscodeWorkspace(vscode.Uri.file(dir));
  });

  test('reads unsaved editor text; leaves a dirty document dirty after a minimal edit', async () => {
    writeFileSync(path.join(dir, 'a.txt'), 'one\ntwo\nthree\n');
    const doc = await vscode.workspace.openTextDocument(path.join(dir, 'a.txt'));
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), '// '));
    const seen = new TextDecoder().decode(await ws.readFile('a.txt'));
    assert.equal(seen, '// one\ntwo\nthree\n');
    await ws.applyEdits([{ type: 'write', path: 'a.txt', content: enc('// one\nTWO\nthree\n'), expected: enc(seen) }]);
    assert.equal(doc.getText(), '// one\nTWO\nthree\n');
    assert.equal(doc.isDirty, true, 'the user still has unsaved edits');
    assert.equal(readFileSync(path.join(dir, 'a.txt'), 'utf8'), 'one\ntwo\nthree\n');
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), '// one\ntwo\nthree\n', 'undo restores the text before the apply');
  });

  test('a clean document is edited and saved, so disk matches', async () => {
    writeFileSync(path.join(dir, 'b.txt'), 'x\r\ny\r\n');
    await ws.applyEdits([{ type: 'write', path: 'b.txt', content: enc('x\r\nY\r\n'), expected: enc('x\r\ny\r\n') }]);
    assert.equal(readFileSync(path.join(dir, 'b.txt'), 'utf8'), 'x\r\nY\r\n');
  });

  test('creates, deletes, renames and binary writes in one call', async () => {
    writeFileSync(path.join(dir, 'del.txt'), 'gone');
    writeFileSync(path.join(dir, 'old.txt'), 'same\n');
    writeFileSync(path.join(dir, 'bin.dat'), Buffer.from([0, 1, 2]));
    await ws.applyEdits([
      { type: 'write', path: 'new/c.txt', content: enc('new\n'), expected: undefined },
      { type: 'delete', path: 'del.txt', expected: enc('gone') },
      { type: 'rename', from: 'old.txt', to: 'moved.txt', content: enc('same\nmore\n'), expected: enc('same\n') },
      { type: 'write', path: 'bin.dat', content: new Uint8Array([0, 9]), expected: new Uint8Array([0, 1, 2]) },
    ]);
    assert.equal(readFileSync(path.join(dir, 'new/c.txt'), 'utf8'), 'new\n');
    assert.equal(existsSync(path.join(dir, 'del.txt')), false);
    assert.equal(existsSync(path.join(dir, 'old.txt')), false);
    assert.equal(readFileSync(path.join(dir, 'moved.txt'), 'utf8'), 'same\nmore\n');
    assert.deepEqual([...readFileSync(path.join(dir, 'bin.dat'))], [0, 9]);
  });

  test('a stale expected is a conflict and nothing is written', async () => {
    writeFileSync(path.join(dir, 'd.txt'), 'changed by the user\n');
    await assert.rejects(
      ws.applyEdits([
        { type: 'write', path: 'e.txt', content: enc('e'), expected: undefined },
        { type: 'write', path: 'd.txt', content: enc('agent\n'), expected: enc('original\n') },
      ]),
      WorkspaceConflictError,
    );
    assert.equal(existsSync(path.join(dir, 'e.txt')), false);
  });

  test('paths outside the folder, also through symlinks, are refused', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'tandem-out-'));
    symlinkSync(outside, path.join(dir, 'link'));
    await assert.rejects(ws.readFile('../x'), PathOutsideWorkspaceError);
    await assert.rejects(ws.readFile('link/secret'), PathOutsideWorkspaceError);
  });
});
