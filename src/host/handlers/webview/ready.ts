// The webview (re)loaded: check the protocol version, restore the session a previous
// window showed, and answer with the full snapshot. Deltas follow as notifications.
import { PROTOCOL_VERSION } from '../../../protocol/messages';
import type { Handler } from '../types';

export const webviewReady: Handler<'webview/ready'> = async (params, ctx) => {
  if (params.protocolVersion !== PROTOCOL_VERSION) {
    throw new Error(
      `The chat view speaks protocol ${params.protocolVersion}, the extension ${PROTOCOL_VERSION}. Reload the window (Developer: Reload Window).`,
    );
  }
  await Promise.all([ctx.sessions.restore(), ctx.config.current()]);
  return ctx.snapshots.take(ctx.requestId);
};
