// Work a session will need soon, done while it waits for the model instead of on the
// critical path: today the shell parser the guard uses for the first command (~40 ms
// of wasm compilation, which otherwise lands on the first command of every session).
// It starts once the first response begins to stream, i.e. after the first request has
// left, so it never delays that request either.
import type { ModelClient, ModelEvent, ModelRequest } from '../model/types';

/** `client` that runs `task` (once, on a later tick) when the first response starts. */
export function warmUpAfterFirstResponse(client: ModelClient, task: () => Promise<void>): ModelClient {
  let pending = true;
  async function* watched(request: ModelRequest): AsyncGenerator<ModelEvent> {
    for await (const event of client.stream(request)) {
      if (pending) {
        pending = false;
        setImmediate(() => void task().catch(() => undefined));
      }
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
