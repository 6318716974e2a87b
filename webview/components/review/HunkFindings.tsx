// The background review's findings on one staged hunk, under the hunk in the Changes area
// (the reviewer checked the agent's staged work before it is applied).
import { memo } from 'react';
import { useSelect } from '../../context';
import { fileFindingCount, hunkFindings, stagedReview } from '../../state/reviews';
import { FindingView } from './FindingView';

export const HunkFindings = memo(function HunkFindings({ path, hunkId, target }: { path: string; hunkId: string; target: string }) {
  const run = useSelect((s) => stagedReview(s.reviews, s.sessionId));
  const findings = hunkFindings(run, path, hunkId);
  if (!run || findings.length === 0) return null;
  return (
    <ul className="findings hunk-findings" aria-label={`Review findings on ${target}`}>
      {findings.map((f) => (
        <FindingView key={f.id} runId={run.id} finding={f} where={f.startLine === f.endLine ? `staged line ${f.startLine}` : `staged lines ${f.startLine}-${f.endLine}`} />
      ))}
    </ul>
  );
});

/** "2 findings" on a staged file's row, so a collapsed file says it has some. */
export const FileFindingsBadge = memo(function FileFindingsBadge({ path }: { path: string }) {
  const count = useSelect((s) => fileFindingCount(stagedReview(s.reviews, s.sessionId), path));
  if (count === 0) return null;
  return <span className="badge badge-warning">{count === 1 ? '1 finding' : `${count} findings`}</span>;
});
