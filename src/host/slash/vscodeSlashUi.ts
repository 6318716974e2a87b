// The slash commands' editor side: VS Code's own quick picks and views.
import * as vscode from 'vscode';
import type { ReasoningEffort } from '../../core/index';
import type { SkillSummary } from '../../protocol/messages';
import { MCP_VIEW_ID } from '../mcp/mcpTreeView';
import { EFFORTS, type SlashUi } from './slashCommands';

/** The review command another part of Tandem contributes; /review uses it when present. */
const REVIEW_COMMAND = 'tandem.review';

export const vscodeSlashUi: SlashUi = {
  async showMcp() {
    await vscode.commands.executeCommand(`${MCP_VIEW_ID}.focus`);
  },
  async pickSkill(skills: SkillSummary[]) {
    const pick = await vscode.window.showQuickPick(
      skills.map((skill) => ({
        label: `$${skill.name}`,
        description: skill.scope === 'repo' ? vscode.l10n.t('this repository') : vscode.l10n.t('yours'),
        detail: skill.description,
        skill,
      })),
      { title: vscode.l10n.t('Tandem: attach a skill to your message'), matchOnDetail: true },
    );
    return pick?.skill;
  },
  async pickModel(current: string, models: string[]) {
    const names = models.includes(current) || !current ? models : [current, ...models];
    if (names.length === 0) {
      return vscode.window.showInputBox({ title: vscode.l10n.t('Tandem: model'), value: current, prompt: vscode.l10n.t('The model name, as your server knows it.') });
    }
    const pick = await vscode.window.showQuickPick(
      names.map((name) => ({ label: name, ...(name === current ? { description: vscode.l10n.t('current') } : {}) })),
      { title: vscode.l10n.t('Tandem: choose the model') },
    );
    return pick?.label;
  },
  async pickEffort(current: ReasoningEffort) {
    const pick = await vscode.window.showQuickPick(
      EFFORTS.map((effort) => ({ label: effort, ...(effort === current ? { description: vscode.l10n.t('current') } : {}) })),
      { title: vscode.l10n.t('Tandem: reasoning effort') },
    );
    return pick?.label as ReasoningEffort | undefined;
  },
  async review(args: string) {
    const commands = await vscode.commands.getCommands(true);
    if (!commands.includes(REVIEW_COMMAND)) return false;
    await vscode.commands.executeCommand(REVIEW_COMMAND, ...(args ? [args] : []));
    return true;
  },
  info(message: string) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Tandem: {0}', message));
  },
};
