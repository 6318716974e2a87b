// A request that carries images and is refused: most servers answer 400 (OpenAI: "Invalid
// content type. image_url is only supported by certain models"; vLLM: "not a multimodal
// model"; Ollama and LM Studio: "does not support images"). Such a failure is restated
// so the user learns the cause and the way out, instead of a bare "rejected (400)".
import { ModelError, type ModelRequest } from './types';

const MENTIONS_IMAGES = /image|vision|multimodal|multi-modal/i;

export function explainImageRejection(err: unknown, request: ModelRequest): unknown {
  if (!(err instanceof ModelError) || !request.images?.size) return err;
  const status = err.options.status;
  const mentions = MENTIONS_IMAGES.test(err.message);
  const refused = status === 400 || status === 415 || status === 422;
  if (!mentions && !refused) return err; // a key, quota, model name or server failure: not about images
  return new ModelError(
    `The model ${request.model} did not accept the image input (${err.message.replace(/\.$/, '')}). Remove the image, or switch image input off for this model.`,
    { ...err.options, retryable: false, code: 'images_rejected', cause: err },
  );
}
