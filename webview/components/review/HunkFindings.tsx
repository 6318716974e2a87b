// The background review's findings on one staged hunk, under the hunk in the Changes area
// (the reviewer checked the agent's staged work before it is applied).
import * as l10n from '@vscode/l10n';
import { memo } from 'react';
import { useSelect } from '../../context';
import { fileFindingCount, hunkFindings, stagedReview } from '../../state/reviews';
import { Badge } from '../ui/Badge';
import { FindingView } from './FindingView';
import { findingCount } from './reviewWords';

export const HunkFindings = memo(function HunkFindings({ path, hunkId, target }: { path: string; hunkId: string; target: string }) {
  const run = useSelect((s) => stagedReview(s.reviews, s.sessionId));
  const findings = hunkFindings(run, path, hunkId);
  if (!run || findings.length === 0) return null;
  return (
    <ul className="findings hunk-findings" aria-label={l10n.t('Review findings on {0}', target)}>
      {findings.map((f) => (
        <FindingView key={f.id} runId={run.id} finding={f} where={f.startLine === f.endLine ? l10n.t('staged line {0}', f.startLine) : l10n.t('staged lines {0}-{1}', f.startLine, f.endLine)} />
      ))}
    </ul>
  );
});

/** "2 findings" on a staged file's row, so a collapsed file says it has some. */
export const FileFindingsBadge = memo(function FileFindingsBadge({ path }: { path: string }) {
  const count = useSelect((s) => fileFindingCount(stagedReview(s.reviews, s.sessionId), path));
  if (count === 0) return null;
  return (
    <Badge tone="warning" icon="checklist" className="file-findings">
      {findingCount(count)}
    </Badge>
  );
});
