// A session's staging area, opened the same way the agent opens it (so `tandem apply`
// and a host's review panel see exactly what the agent staged, protected paths flagged:
// the staging area runs the protected-path check itself).
import type { Workspace } from '../workspace/types';
import type { StagingArea } from '../staging/types';
import { createStagingArea } from '../staging/stagingArea';
import { stagingDir } from './store';

export function openSessionStaging(
  workspace: Workspace,
  storageDir: string,
  sessionId: string,
  options: { protectedPatterns?: readonly string[] } = {},
): Promise<StagingArea> {
  return createStagingArea(workspace, stagingDir(storageDir, sessionId), { protectedPatterns: options.protectedPatterns });
}
