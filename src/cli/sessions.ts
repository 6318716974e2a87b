// `tandem sessions`, `tandem apply ID`, `tandem discard ID`: work on saved sessions
// without a model (no key needed).
import { createNodeWorkspace, listSessions, openSessionStaging, readSessionInfo, resolveSessionId, type StagingArea, type StoredSession } from '../core/index';
import { renderOutcome, type Out } from './render';
import { storageDir } from './env';
import { CliFailure } from './exec';

function when(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 16);
}

export async function listCommand(json: boolean, out: Out): Promise<number> {
  const sessions = await listSessions(storageDir());
  if (json) {
    for (const s of sessions) out.stdout(`${JSON.stringify(s)}\n`);
    return 0;
  }
  if (sessions.length === 0) {
    out.stderr('No saved sessions.\n');
    return 0;
  }
  for (const s of sessions) out.stdout(`${s.id}  ${when(s.updatedAt)}  ${String(s.items).padStart(4)} items  ${s.title}\n    ${s.cwd}\n`);
  return 0;
}

/** A saved session's staging area over its folder (no model needed). */
export async function openSavedStaging(idPrefix: string): Promise<{ info: StoredSession; staging: StagingArea }> {
  const home = storageDir();
  const info = await readSessionInfo(home, await resolveSessionId(home, idPrefix));
  let workspace;
  try {
    workspace = await createNodeWorkspace(info.cwd);
  } catch (err) {
    throw new CliFailure(`The session's folder ${info.cwd} cannot be opened: ${(err as Error).message}`);
  }
  return { info, staging: await openSessionStaging(workspace, home, info.id) };
}

/** `applyProtected`: protected paths confirmed one by one; other protected changes stay staged. */
export async function applyOrDiscard(kind: 'apply' | 'discard', idPrefix: string, json: boolean, out: Out, applyProtected: string[] = []): Promise<number> {
  const { info, staging } = await openSavedStaging(idPrefix);
  const outcomes = kind === 'apply' ? await staging.applyAll({ protected: applyProtected }) : await staging.discardAll();
  if (json) out.stdout(`${JSON.stringify({ sessionId: info.id, outcomes })}\n`);
  else if (outcomes.length === 0) out.stderr(`Session ${info.id} has no staged changes.\n`);
  else out.stderr(`${outcomes.map(renderOutcome).join('\n')}\n`);
  return outcomes.some((o) => o.status === 'conflict') ? 1 : 0;
}
