// The review/* handlers and `/review` typed as a message: the review goes into the chat
// after the conversation's newest item; a bad `/review` is an error, not a message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { handlers } from '../../../../src/host/handlers/handlerTable';
import type { HostServices, RequestContext } from '../../../../src/host/handlers/types';
import type { Item } from '../../../../src/core/types/items';
import { FakeAgent, scripted } from '../fakes';
import { builtinSlashResolver } from '../../../../src/host/codeReview/reviewCommand';
import { resolveSlashCommand } from '../../../../src/core/commands/slash';

function ctx(options: { items?: Item[]; session?: boolean } = {}) {
  const log: string[] = [];
  const agent = new FakeAgent('s1', scripted([]), options.items ?? []);
  const current = options.session === false ? undefined : { sessionId: 's1', agent };
  const services = {
    sessions: { current, whenReady: async () => current, send: async (text: string) => void log.push(`send ${text}`) },
    config: { current: async () => ({}) },
    reviews: {
      review: (target: unknown, place: unknown) => (log.push(`review ${JSON.stringify(target)} ${JSON.stringify(place)}`), { runId: 'r1', done: Promise.resolve() }),
      cancel: (id: string) => (log.push(`cancel ${id}`), true),
      dismiss: async (runId: string, findingId: string, reason?: string) => (log.push(`dismiss ${runId} ${findingId} ${reason}`), true),
      view: () => ({ id: 'r1', source: 'request', status: 'done', description: 'd', findings: [{ id: 'f1', path: 'a.ts', startLine: 1, endLine: 1, priority: 1, confidence: 1, title: 't', body: 'b' }], hidden: 0, chat: {}, sessionId: 's1' }),
    },
    // the core's registry itself (loaded lazily in the editor)
    reviewSlash: builtinSlashResolver({ resolveSlashCommand: async (...a) => resolveSlashCommand(...a) }),
    reviewFixes: { sendTo: async (id: string) => void log.push(`fix in ${id}`), startNew: async () => void log.push('fix in a new session') },
  } as unknown as HostServices;
  return { c: { ...services, requestId: 1 } as RequestContext, log };
}

const message = (id: string): Item => ({ id, turnId: 't', type: 'agent_message', text: 'hi' });

test('review/run places the review after the newest item of the open session; none: the empty chat', async () => {
  const a = ctx({ items: [message('item_1'), message('item_2')] });
  assert.deepEqual(await handlers['review/run']({ target: { type: 'staged' } }, a.c), { runId: 'r1' });
  assert.deepEqual(a.log, ['review {"type":"staged"} {"sessionId":"s1","afterItemId":"item_2"}']);
  const b = ctx({ session: false });
  await handlers['review/run']({}, b.c);
  assert.deepEqual(b.log, ['review {"type":"uncommitted"} {}']);
});

test('/review typed as a message runs the review; a bad one is an error; other text is sent', async () => {
  const a = ctx();
  assert.deepEqual(await handlers['turn/send']({ text: '/review branch main' }, a.c), { ok: true });
  assert.deepEqual(a.log, ['review {"type":"branch","base":"main"} {"sessionId":"s1"}']);
  await assert.rejects(Promise.resolve(handlers['turn/send']({ text: '/review everything' }, a.c)), /Use \/review/);
  await handlers['turn/send']({ text: '/reviewers are busy' }, a.c);
  await handlers['turn/send']({ text: '/usr/bin/review is missing' }, a.c);
  await handlers['turn/send']({ text: 'please /review' }, a.c);
  assert.deepEqual(a.log.slice(1), ['send /reviewers are busy', 'send /usr/bin/review is missing', 'send please /review']);
  // with an attachment it is a message about the attachment
  const b = ctx();
  await handlers['turn/send']({ text: '/review', attachments: [{ type: 'selection', path: 'a.ts', text: 'x', startLine: 1, endLine: 1 }] }, b.c);
  assert.deepEqual(b.log, ['send /review']);
});

test('review/cancel, review/fix and review/dismiss reach the service', async () => {
  const a = ctx();
  await handlers['review/cancel']({ runId: 'r1' }, a.c);
  await handlers['review/fix']({ runId: 'r1', findingIds: ['f1'] }, a.c);
  await handlers['review/dismiss']({ runId: 'r1', findingId: 'f1', reason: 'intended' }, a.c);
  assert.deepEqual(a.log, ['cancel r1', 'fix in s1', 'dismiss r1 f1 intended']);
});
