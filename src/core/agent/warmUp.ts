// Work a session will need soon, done while it waits for the model instead of on the
// critical path: the shell parser the guard uses for the first command (~40 ms of wasm
// compilation and a first parse) and the process's first child (~15 ms), both of which
// otherwise land on the first command of every session.
// It starts once the server has started the first response (its HTTP headers are in; or,
// for a client that does not report that, at the first event): the request has left, so
// the work never delays it, and the model's thinking time hides it.
import type { ModelClient, ModelEvent, ModelRequest } from '../model/types';

/** `client` that runs `task` (once, on a later tick) when the first response starts. */
export function warmUpAfterFirstResponse(client: ModelClient, task: () => Promise<void>): ModelClient {
  let pending = true;
  const start = () => {
    if (!pending) return;
    pending = false;
    setImmediate(() => void task().catch(() => undefined));
  };
  async function* watched(request: ModelRequest): AsyncGenerator<ModelEvent> {
    const onResponseStart = request.onResponseStart;
    const watchedRequest: ModelRequest = {
      ...request,
      onResponseStart: () => {
        start();
        onResponseStart?.();
      },
    };
    for await (const event of client.stream(watchedRequest)) {
      start();
      yield event;
    }
  }
  return {
    get wire() {
      return client.wire;
    },
    // once warm, requests go to the client untouched
    stream: (request) => (pending ? watched(request) : client.stream(request)),
  };
}
