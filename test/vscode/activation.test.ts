// Runs inside the VS Code extension host (see .vscode-test.mjs).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { suite, test } from 'mocha';
import manifest from '../../package.json';

const id = `${manifest.publisher}.${manifest.name}`;

suite('activation', () => {
  test('activates on its command and registers every contributed command', async () => {
    const ext = vscode.extensions.getExtension(id);
    assert.ok(ext, `extension ${id} is installed`);
    await vscode.commands.executeCommand('tandem.focusChat');
    await ext.activate();
    assert.equal(ext.isActive, true);
    const all = await vscode.commands.getCommands(true);
    for (const { command } of manifest.contributes.commands) assert.ok(all.includes(command), command);
  });

  test('stop without a running turn is harmless', async () => {
    await vscode.commands.executeCommand('tandem.stop');
  });
});
