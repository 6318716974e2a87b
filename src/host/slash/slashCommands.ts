// The composer's slash commands and skills, on the host: what `/` and `$` complete
// (commands/list) and what a command does (commands/run). The core names the commands,
// finds custom prompts and skills and resolves `/name args` (src/core/commands,
// src/core/skills), so the CLI and the editor agree; this file carries out the editor's
// part. vscode-free: pickers and views go through SlashUi.
//   /new              closes the session (the next message starts a new one)
//   /compact [focus]  compacts now; the compaction item shows in the chat
//   /review [what]    the editor's review command when there is one, else a review turn
//   /skills           a list of the skills; the one picked is attached to the composer
//   /mcp              focuses the MCP view
//   /model [name]     sets the model (a picker without a name)
//   /effort [level]   sets the reasoning effort (a picker without a level)
//   /init             a turn that drafts AGENTS.md, staged for review like any edit
//   /<prompt> [args]  a custom prompt, sent as the message
import * as l10n from '@vscode/l10n';
import os from 'node:os';
import path from 'node:path';
import type { Attachment, BuiltinCommandName, CustomPrompt, ReasoningEffort, SlashCommand } from '../../core/index';
import type { ConfigView, SkillSummary } from '../../protocol/messages';
import type { LazyCore } from '../coreAccess/lazyCore';
import type { Notifier } from '../rpc/webviewChannel';
import type { SessionController } from '../session/sessionController';

export const EFFORTS: readonly ReasoningEffort[] = ['minimal', 'low', 'medium', 'high'];

/**
 * What /review sends when the editor has no review command of its own. A message to the
 * model, so English like the core's prompts (the model answers in the user's language
 * when asked in it).
 */
export const REVIEW_REQUEST =
  'Review the current changes in this repository as a careful code reviewer. Look at the uncommitted changes (git status, git diff), or, if there are none, at this branch against its base. List the real problems you find (bugs, security issues, missing tests) from the most to the least important, each with its file and line and why it matters, then say whether the change is correct overall. Do not change any files.';

export function reviewRequest(args: string): string {
  return args ? `${REVIEW_REQUEST}\n\nWhat to review, or what to focus on: ${args}` : REVIEW_REQUEST;
}

/** The editor's side of the commands that need its UI. */
export interface SlashUi {
  /** Reveals the MCP view. */
  showMcp(): Promise<void>;
  /** Lets the user pick a skill; undefined when dismissed. */
  pickSkill(skills: SkillSummary[]): Promise<SkillSummary | undefined>;
  pickModel(current: string, models: string[]): Promise<string | undefined>;
  pickEffort(current: ReasoningEffort): Promise<ReasoningEffort | undefined>;
  /** Runs the editor's own review command, if it has one; false when it has none. */
  review(args: string): Promise<boolean>;
  info(message: string): void;
}

/** The parts of the host the commands act on. */
export interface SlashDeps {
  core: Pick<LazyCore, 'loadCustomPrompts' | 'listSlashCommands' | 'resolveSlashCommand' | 'discoverSkills' | 'findRepoRoot'>;
  sessions: {
    readonly current: SessionController | undefined;
    whenReady(): Promise<SessionController | undefined>;
    send(text: string, attachments?: Attachment[]): Promise<void>;
    newSession(): Promise<void>;
  };
  config: {
    current(): Promise<ConfigView>;
    update(params: { model?: string; reasoningEffort?: ReasoningEffort }): Promise<ConfigView>;
  };
  /** Pushes a fresh snapshot to the webview (after /new). */
  pushSnapshot(): void;
  notifier: Notifier;
  /** The folder sessions work in, and Workspace Trust (a repository's prompts and skills need trust). */
  folder(): string | undefined;
  trusted(): boolean;
  /** Tandem's user folder (~/.tandem) and the home folder; tests pass their own. */
  tandemHome?: string;
  userHome?: string;
  ui: SlashUi;
}

export class SlashCommands {
  constructor(private readonly deps: SlashDeps) {}

  /** The commands `/` completes and the skills `$` completes. */
  async list(): Promise<{ commands: SlashCommand[]; skills: SkillSummary[] }> {
    const [prompts, skills] = await Promise.all([this.prompts(), this.skills()]);
    const commands = await this.deps.core.listSlashCommands(prompts);
    return { commands: commands.map((c) => localized(c, prompts)), skills };
  }

  /** Carries out `/name args`; throws a clear error for a name that is no command. */
  async run(text: string, attachments?: Attachment[]): Promise<BuiltinCommandName | 'prompt'> {
    const resolved = await this.deps.core.resolveSlashCommand(text, await this.prompts());
    if (!resolved) {
      const name = text.trim().split(/\s/)[0];
      throw new Error(l10n.t('There is no command {0}. Type / to see the commands.', name));
    }
    if (resolved.type === 'prompt') {
      await this.send(resolved.message, attachments);
      return 'prompt';
    }
    const { args } = resolved;
    switch (resolved.name) {
      case 'new':
        await this.deps.sessions.newSession();
        this.deps.pushSnapshot();
        break;
      case 'compact':
        await this.compact(args);
        break;
      case 'review':
        if (!(await this.deps.ui.review(args))) await this.send(reviewRequest(args), attachments);
        break;
      case 'skills':
        await this.pickSkill();
        break;
      case 'mcp':
        await this.deps.ui.showMcp();
        break;
      case 'model':
        await this.setModel(args);
        break;
      case 'effort':
        await this.setEffort(args);
        break;
      case 'init':
        await this.send(resolved.message!, attachments);
        break;
    }
    return resolved.name;
  }

  private async send(message: string, attachments?: Attachment[]): Promise<void> {
    const setup = (await this.deps.config.current()).setupNeeded;
    if (setup) throw new Error(setup.reason);
    await this.deps.sessions.send(message, attachments);
  }

  private async compact(focus: string): Promise<void> {
    const session = await this.deps.sessions.whenReady();
    if (!session) throw new Error(l10n.t('Nothing to compact yet: send a message first.'));
    await session.compact(focus);
  }

  private async pickSkill(): Promise<void> {
    const skills = await this.skills();
    if (skills.length === 0) {
      this.deps.ui.info(l10n.t("No skills yet. A skill is a folder with a SKILL.md in ~/.tandem/skills, ~/.agents/skills, or this repository's .tandem/skills or .agents/skills."));
      return;
    }
    const pick = await this.deps.ui.pickSkill(skills);
    if (pick) this.deps.notifier.notify('composer/fill', { text: '', attachments: [{ type: 'skill', name: pick.name, path: pick.path }] });
  }

  private async setModel(name: string): Promise<void> {
    let model: string | undefined = name;
    if (!model) {
      const view = await this.deps.config.current();
      model = await this.deps.ui.pickModel(view.model, view.models);
    }
    if (model) await this.deps.config.update({ model });
  }

  private async setEffort(level: string): Promise<void> {
    let effort: ReasoningEffort | undefined;
    if (level) {
      effort = EFFORTS.find((e) => e === level.toLowerCase());
      if (!effort) throw new Error(l10n.t('"{0}" is not a reasoning effort: use {1}.', level, EFFORTS.join(', ')));
    } else {
      effort = await this.deps.ui.pickEffort((await this.deps.config.current()).reasoningEffort);
    }
    if (effort) await this.deps.config.update({ reasoningEffort: effort });
  }

  private async roots(): Promise<{ tandemHome: string; userHome: string; repoRoot?: string; trusted: boolean }> {
    const userHome = this.deps.userHome ?? os.homedir();
    const tandemHome = this.deps.tandemHome ?? path.join(userHome, '.tandem');
    const folder = this.deps.folder();
    const repoRoot = folder ? ((await this.deps.core.findRepoRoot(folder)) ?? folder) : undefined;
    return { tandemHome, userHome, ...(repoRoot ? { repoRoot } : {}), trusted: this.deps.trusted() };
  }

  private async prompts(): Promise<CustomPrompt[]> {
    return (await this.deps.core.loadCustomPrompts(await this.roots())).prompts;
  }

  /**
   * The open session's skills (what `$name` can attach in it: the core reads a skill by
   * name among the session's own), else what a new session would find.
   */
  private async skills(): Promise<SkillSummary[]> {
    const agent = this.deps.sessions.current?.agent;
    const skills = agent ? agent.skills() : (await this.deps.core.discoverSkills(await this.roots())).skills;
    return skills.map(({ name, description, path: file, scope }) => ({ name, description, path: file, scope }));
  }
}

/**
 * A command as the composer shows it, in the user's language: the core words the
 * built-in commands in English (the CLI's help); the editor shows its own translation.
 * A custom prompt keeps its author's description; one without gets the editor's.
 */
function localized(c: SlashCommand, prompts: readonly CustomPrompt[]): SlashCommand {
  if (c.kind === 'prompt') {
    const prompt = prompts.find((p) => p.name === c.name);
    if (!prompt || prompt.description) return c;
    return { ...c, description: prompt.scope === 'repo' ? l10n.t('Custom prompt (this repository)') : l10n.t('Custom prompt (yours)') };
  }
  const text = BUILTIN_TEXT[c.name as BuiltinCommandName]?.();
  return text ? { ...c, ...text } : c;
}

/** Functions, not constants: the bundle is loaded at activation, after this module. */
const BUILTIN_TEXT: Record<BuiltinCommandName, () => { description: string; argumentHint?: string }> = {
  new: () => ({ description: l10n.t('Start a new session.') }),
  compact: () => ({ description: l10n.t('Compact the conversation now; optionally say what the summary must keep.'), argumentHint: l10n.t('[focus]') }),
  review: () => ({ description: l10n.t('Review the current changes: uncommitted, a branch or a commit.') }),
  skills: () => ({ description: l10n.t('List the skills this session can use ($name attaches one).') }),
  mcp: () => ({ description: l10n.t('Show the MCP servers, their state and tools.') }),
  model: () => ({ description: l10n.t('Choose the model.'), argumentHint: l10n.t('[name]') }),
  effort: () => ({ description: l10n.t('Set the reasoning effort.') }),
  init: () => ({ description: l10n.t('Draft an AGENTS.md for this repository (staged for your review).') }),
};
