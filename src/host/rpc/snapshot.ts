// Builds the full state the webview needs after it (re)loads or the session changes.
// Items: only the newest (SessionController.SNAPSHOT_ITEMS) and the count of older ones,
// which the webview pages in with session/items.
import { PROTOCOL_VERSION, type ConfigView, type Snapshot } from '../../protocol/messages';
import type { ReviewRunView } from '../../protocol/review';
import type { SessionView } from '../session/sessionController';
import type { WebviewChannel } from './webviewChannel';

export interface SnapshotSources {
  sessions: { state(): SessionView };
  config: { peek(): ConfigView };
  /** Code reviews (src/host/codeReview); optional, for hosts without them. */
  reviews?: { views(): ReviewRunView[] };
}

export function buildSnapshot(sources: SnapshotSources): Snapshot {
  const state = sources.sessions.state();
  const reviews = sources.reviews?.views() ?? [];
  return {
    protocolVersion: PROTOCOL_VERSION,
    ...(state.sessionId !== undefined ? { sessionId: state.sessionId } : {}),
    ...(state.title !== undefined ? { title: state.title } : {}),
    items: state.items,
    // omitted when everything was sent (the webview reads a missing count as 0)
    ...(state.olderItems ? { olderItems: state.olderItems } : {}),
    running: state.running,
    approvals: state.approvals,
    changes: state.changes,
    config: sources.config.peek(),
    ...(state.usage ? { usage: state.usage } : {}),
    ...(reviews.length > 0 ? { reviews } : {}),
  };
}

export class SnapshotBuilder {
  constructor(
    private readonly sources: SnapshotSources,
    private readonly channel: Pick<WebviewChannel, 'snapshot' | 'pushSnapshot'>,
  ) {}

  /** The snapshot answering request `requestId` (the channel keeps later events behind it). */
  take(requestId: number): Snapshot {
    return this.channel.snapshot(requestId, () => buildSnapshot(this.sources));
  }

  /** Pushes a snapshot unasked (the session changed from a command). */
  push(): void {
    this.channel.pushSnapshot(() => buildSnapshot(this.sources));
  }
}
