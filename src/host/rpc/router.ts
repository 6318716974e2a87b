// Validates each inbound message and dispatches it to its handler; every request gets
// exactly one response (a result, or an error with a plain message).
// Contract: messages are validated and their handlers started in arrival order (every
// dispatch awaits the same validator promise, whose continuations run first in, first out).
import type { RequestMethod } from '../../protocol/messages';
import type { Handler, HandlerMap, HostServices } from '../handlers/types';
import { errorMessage, type Logger } from '../util/log';
import type { WebviewChannel } from './webviewChannel';
import { loadValidator } from './lazyValidate';

export class Router {
  constructor(
    private readonly handlers: HandlerMap,
    private readonly services: HostServices,
    private readonly channel: Pick<WebviewChannel, 'respond'>,
    private readonly log: Logger,
  ) {}

  async dispatch(raw: unknown): Promise<void> {
    const { validateInbound } = await loadValidator();
    const checked = validateInbound(raw);
    if (!checked.ok) {
      this.log.warn(`rejected a webview message: ${checked.error}`);
      if (checked.id !== undefined) this.channel.respond(checked.id, undefined, { message: checked.error });
      return;
    }
    const { id, method, params } = checked.message;
    const handler = this.handlers[method] as Handler<RequestMethod>;
    try {
      const result = await handler(params as never, { ...this.services, requestId: id });
      this.channel.respond(id, result);
    } catch (err) {
      const message = errorMessage(err);
      this.log.warn(`${method} failed: ${message}`);
      this.channel.respond(id, undefined, { message });
    }
  }
}
