// Image input on both wire APIs, the image-rejection message, and image token estimates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toResponsesInput } from '../../../../src/core/model/responses';
import { toChatMessages } from '../../../../src/core/model/chat';
import { explainImageRejection } from '../../../../src/core/model/imageErrors';
import { ModelError, type HistoryEntry, type ModelRequest } from '../../../../src/core/model/types';
import { imageTokens, estimateEntryTokens } from '../../../../src/core/agent/history';

const ref = { hash: 'a'.repeat(64), mime: 'image/png' as const, width: 800, height: 600 };
const gone = { ...ref, hash: 'b'.repeat(64) };
const history: HistoryEntry[] = [{ type: 'message', role: 'user', content: 'What is this?', images: [ref, gone] }];
const images = new Map([[ref.hash, 'data:image/png;base64,AAAA']]);

test('Responses: input_text then input_image parts; a missing image is a text note', () => {
  assert.deepEqual(toResponsesInput(history, images), [
    {
      type: 'message',
      role: 'user',
      content: [
        { type: 'input_text', text: 'What is this?' },
        { type: 'input_image', image_url: 'data:image/png;base64,AAAA', detail: 'auto' },
        { type: 'input_text', text: '[an image (800×600) that is no longer available]' },
      ],
    },
  ]);
});

test('Chat Completions: text then image_url parts; messages without images stay strings', () => {
  const msgs = toChatMessages('sys', [...history, { type: 'message', role: 'user', content: 'plain' }], images);
  assert.deepEqual(msgs[1], {
    role: 'user',
    content: [
      { type: 'text', text: 'What is this?' },
      { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
      { type: 'text', text: '[an image (800×600) that is no longer available]' },
    ],
  });
  assert.deepEqual(msgs[2], { role: 'user', content: 'plain' });
});

test('a refused request that carried images says so and how to get out of it', () => {
  const req = { model: 'tiny-text-model', images } as unknown as ModelRequest;
  const err = new ModelError('The server rejected the request (400): Invalid content type. image_url is only supported by certain models.', { status: 400, retryable: false });
  const explained = explainImageRejection(err, req) as ModelError;
  assert.match(explained.message, /^The model tiny-text-model did not accept the image input \(The server rejected the request \(400\): Invalid content type\. image_url is only supported by certain models\)\. Remove the image, or switch image input off for this model\.$/);
  assert.equal(explained.options.code, 'images_rejected');
  // not about images: unchanged
  const key = new ModelError('The API key was rejected (401). Set a valid key.', { status: 401 });
  assert.equal(explainImageRejection(key, req), key);
  assert.equal(explainImageRejection(err, { ...req, images: undefined }), err);
});

test('images count toward the context estimate', () => {
  assert.equal(imageTokens(512, 512), 85 + 170);
  assert.equal(imageTokens(4096, 2048), 85 + 170 * 6); // -> 2048x1024 -> 1536x768: 3x2 tiles
  const withImage = estimateEntryTokens(history[0]);
  const without = estimateEntryTokens({ type: 'message', role: 'user', content: 'What is this?' });
  assert.ok(withImage - without > 2 * 85, `${withImage} vs ${without}`);
});
