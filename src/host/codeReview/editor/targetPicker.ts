// "Tandem: Review Changes…": which changes to review, from a quick pick; the base branch
// and the commit come from VS Code's built-in git extension (its API, version 1), with a
// typed ref as the fallback when git is disabled or the folder is not its repository.
import * as vscode from 'vscode';
import type { GitReviewTarget } from '../../../protocol/review';

// The few parts of the git extension's API used here (extensions/git/src/api/git.d.ts).
interface GitRef {
  name?: string;
  commit?: string;
  remote?: string;
}
interface GitCommit {
  hash: string;
  message: string;
  authorName?: string;
  authorDate?: Date;
}
interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly state: { readonly HEAD?: GitRef };
  getBranches(query: { remote?: boolean }): Promise<GitRef[]>;
  log(options?: { maxEntries?: number }): Promise<GitCommit[]>;
}
interface GitApi {
  getRepository(uri: vscode.Uri): GitRepository | null;
}
interface GitExtension {
  readonly enabled: boolean;
  getAPI(version: 1): GitApi;
}

type Pick<T> = vscode.QuickPickItem & { value: T };

async function repository(folder: vscode.Uri): Promise<GitRepository | undefined> {
  try {
    const ext = vscode.extensions.getExtension<GitExtension>('vscode.git');
    const git = ext ? (ext.isActive ? ext.exports : await ext.activate()) : undefined;
    return git?.enabled ? (git.getAPI(1).getRepository(folder) ?? undefined) : undefined;
  } catch {
    return undefined;
  }
}

/** The target the user picks; undefined when they cancel. */
export async function pickReviewTarget(folder: vscode.Uri): Promise<GitReviewTarget | undefined> {
  const kinds: Pick<GitReviewTarget['type']>[] = [
    { label: `$(edit) ${vscode.l10n.t('Uncommitted changes')}`, description: vscode.l10n.t('staged, unstaged and untracked, against HEAD'), value: 'uncommitted' },
    { label: `$(git-commit) ${vscode.l10n.t('Staged changes')}`, description: vscode.l10n.t('what is staged in git (what a commit would record)'), value: 'staged' },
    { label: `$(git-branch) ${vscode.l10n.t('This branch against a base…')}`, description: vscode.l10n.t('the commits since the merge base'), value: 'branch' },
    { label: `$(git-commit) ${vscode.l10n.t('One commit…')}`, description: vscode.l10n.t('a commit against its parent'), value: 'commit' },
  ];
  const kind = await vscode.window.showQuickPick(kinds, { title: vscode.l10n.t('Tandem: Review Changes'), placeHolder: vscode.l10n.t('What should the reviewer look at?') });
  if (!kind) return undefined;
  if (kind.value === 'uncommitted' || kind.value === 'staged') return { type: kind.value };
  const repo = await repository(folder);
  if (kind.value === 'branch') {
    const base = await pickBase(repo);
    return base ? { type: 'branch', base } : undefined;
  }
  const sha = await pickCommit(repo);
  return sha ? { type: 'commit', sha } : undefined;
}

async function pickBase(repo: GitRepository | undefined): Promise<string | undefined> {
  const head = repo?.state.HEAD?.name;
  const refs = repo ? await repo.getBranches({ remote: true }).catch(() => []) : [];
  const names = [...new Set(refs.map((r) => r.name).filter((n): n is string => !!n && n !== head && !n.endsWith('/HEAD')))];
  // the usual bases first
  const rank = (n: string) => ['origin/main', 'main', 'origin/master', 'master', 'origin/develop', 'develop'].indexOf(n);
  names.sort((a, b) => (rank(a) === -1 ? 99 : rank(a)) - (rank(b) === -1 ? 99 : rank(b)) || a.localeCompare(b));
  const prompt = vscode.l10n.t('The base branch or commit (e.g. origin/main)');
  if (names.length === 0) return typedRef(prompt);
  const items: Pick<string | undefined>[] = [...names.map((n) => ({ label: `$(git-branch) ${n}`, value: n })), { label: `$(edit) ${vscode.l10n.t('Type a branch or commit…')}`, value: undefined }];
  const title = head ? vscode.l10n.t('Tandem: Review {0} against…', head) : vscode.l10n.t('Tandem: Review this branch against…');
  const pick = await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('The base the branch started from') });
  if (!pick) return undefined;
  return pick.value ?? typedRef(prompt);
}

async function pickCommit(repo: GitRepository | undefined): Promise<string | undefined> {
  const commits = repo ? await repo.log({ maxEntries: 50 }).catch(() => []) : [];
  const prompt = vscode.l10n.t('The commit (a hash, tag or ref such as HEAD~1)');
  if (commits.length === 0) return typedRef(prompt);
  const items: Pick<string | undefined>[] = [
    ...commits.map((c) => ({
      label: `$(git-commit) ${c.message.split('\n')[0]}`,
      description: c.hash.slice(0, 8),
      detail: [c.authorName, c.authorDate?.toLocaleString()].filter(Boolean).join(' · ') || undefined,
      value: c.hash,
    })),
    { label: `$(edit) ${vscode.l10n.t('Type a commit…')}`, value: undefined },
  ];
  const pick = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Tandem: Review a commit'), placeHolder: vscode.l10n.t('Newest first'), matchOnDescription: true });
  if (!pick) return undefined;
  return pick.value ?? typedRef(prompt);
}

async function typedRef(prompt: string): Promise<string | undefined> {
  const ref = await vscode.window.showInputBox({
    title: vscode.l10n.t('Tandem: Review Changes'),
    prompt,
    validateInput: (v) => (/^[^\s-]\S*$/.test(v.trim()) ? undefined : vscode.l10n.t('A branch, tag or commit (no spaces).')),
  });
  return ref?.trim() || undefined;
}
