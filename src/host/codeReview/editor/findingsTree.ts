// The findings as a native tree in the Tandem container (view `tandem.findings`): a
// running review on top (what it is doing), then the files, each with its findings by
// line, a priority icon and the title. A finding opens its thread; its inline actions
// are Fix with Tandem and Dismiss (package.json menus view/item/context).
import * as vscode from 'vscode';
import { priorityLabel } from '../../../core/shared';
import type { Priority, ReviewRunView, ShownFinding } from '../../../protocol/review';
import type { ReviewService } from '../reviewService';
import { subjectOf } from '../summary';
import type { FindingRef } from './findingThreads';

export const FINDINGS_VIEW_ID = 'tandem.findings';
export const OPEN_FINDING_COMMAND = 'tandem.review.openFinding';

export type FindingsNode =
  | { kind: 'run'; run: ReviewRunView }
  | { kind: 'file'; path: string; findings: { run: ReviewRunView; finding: ShownFinding }[] }
  | { kind: 'finding'; run: ReviewRunView; finding: ShownFinding; ref: FindingRef };

const ICONS: Record<Priority, [string, string]> = {
  0: ['error', 'list.errorForeground'],
  1: ['warning', 'list.warningForeground'],
  2: ['info', 'editorInfo.foreground'],
  3: ['lightbulb', 'descriptionForeground'],
};

export function priorityIcon(p: Priority): vscode.ThemeIcon {
  const [id, color] = ICONS[p];
  return new vscode.ThemeIcon(id, new vscode.ThemeColor(color));
}

export class FindingsTree implements vscode.TreeDataProvider<FindingsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<FindingsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly sub: { dispose(): void };

  constructor(
    private readonly reviews: ReviewService,
    private readonly folder: () => vscode.Uri | undefined,
  ) {
    this.sub = reviews.onDidChange(() => this.changed.fire(undefined));
  }

  getChildren(node?: FindingsNode): FindingsNode[] {
    if (node?.kind === 'file') return node.findings.map(({ run, finding }) => ({ kind: 'finding', run, finding, ref: { runId: run.id, findingId: finding.id } }));
    if (node) return [];
    const runs = this.reviews.views();
    const status: FindingsNode[] = runs.filter((r) => r.status !== 'done' || r.findings.length === 0).map((run) => ({ kind: 'run', run }));
    const files = new Map<string, { run: ReviewRunView; finding: ShownFinding }[]>();
    for (const run of runs) for (const finding of run.findings) files.set(finding.path, [...(files.get(finding.path) ?? []), { run, finding }]);
    const byPath = [...files.entries()].sort(([a], [b]) => a.localeCompare(b));
    return [...status, ...byPath.map(([path, findings]): FindingsNode => ({ kind: 'file', path, findings: findings.sort((a, b) => a.finding.startLine - b.finding.startLine) }))];
  }

  getTreeItem(node: FindingsNode): vscode.TreeItem {
    if (node.kind === 'run') return runItem(node.run);
    if (node.kind === 'file') {
      const item = new vscode.TreeItem(node.path, vscode.TreeItemCollapsibleState.Expanded);
      const folder = this.folder();
      if (folder) item.resourceUri = vscode.Uri.joinPath(folder, ...node.path.split('/'));
      item.iconPath = vscode.ThemeIcon.File;
      item.description = `${node.findings.length}`;
      item.contextValue = 'file';
      return item;
    }
    const { finding, run } = node;
    const item = new vscode.TreeItem(`${priorityLabel(finding.priority)} ${finding.title}`, vscode.TreeItemCollapsibleState.None);
    item.iconPath = priorityIcon(finding.priority);
    item.description = run.source === 'agent' ? vscode.l10n.t('line {0} · staged', finding.startLine) : vscode.l10n.t('line {0}', finding.startLine);
    item.tooltip = new vscode.MarkdownString()
      .appendMarkdown(`**${priorityLabel(finding.priority)}** · `)
      .appendText(vscode.l10n.t('confidence {0}', finding.confidence.toFixed(2)))
      .appendMarkdown('\n\n')
      .appendText(finding.body);
    item.contextValue = 'finding';
    item.command = { title: vscode.l10n.t('Open Finding'), command: OPEN_FINDING_COMMAND, arguments: [node.ref] };
    return item;
  }

  dispose(): void {
    this.sub.dispose();
    this.changed.dispose();
  }
}

function runItem(run: ReviewRunView): vscode.TreeItem {
  const item = new vscode.TreeItem(labelOf(run, subjectOf(run)), vscode.TreeItemCollapsibleState.None);
  item.contextValue = `run-${run.status}`;
  if (run.status === 'running') {
    item.iconPath = new vscode.ThemeIcon('loading~spin');
    item.description = run.progress ?? '';
  } else if (run.status === 'failed') {
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
    item.tooltip = run.error;
    item.description = run.error;
  } else {
    item.iconPath = new vscode.ThemeIcon(run.status === 'cancelled' ? 'circle-slash' : 'pass');
    item.tooltip = run.summary;
  }
  return item;
}

function labelOf(run: ReviewRunView, who: string): string {
  switch (run.status) {
    case 'running':
      return vscode.l10n.t('Reviewing {0}…', who);
    case 'failed':
      return vscode.l10n.t('The review of {0} failed', who);
    case 'cancelled':
      return vscode.l10n.t('The review of {0} was stopped', who);
    case 'done':
      if (run.hidden === 0) return vscode.l10n.t('No findings in {0}', who);
      return run.hidden === 1 ? vscode.l10n.t('No findings to show in {0} (1 below your thresholds)', who) : vscode.l10n.t('No findings to show in {0} ({1} below your thresholds)', who, run.hidden);
  }
}
