// A session's staging area, opened the same way the agent opens it (so `tandem apply`
// and a host's review panel see exactly what the agent staged, protected paths flagged).
import type { Workspace } from '../workspace/types';
import type { StagingArea } from '../staging/types';
import { createStagingArea } from '../staging/stagingArea';
import { matchProtected } from '../policy/paths';
import { stagingDir } from './store';

export function openSessionStaging(workspace: Workspace, storageDir: string, sessionId: string): Promise<StagingArea> {
  return createStagingArea(workspace, stagingDir(storageDir, sessionId), { isProtected: (p) => matchProtected(p, []) });
}
