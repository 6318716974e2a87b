import { readySession, type Handler } from '../types';

/** A stored image of the open session as a data URL (thumbnails, images in the chat). */
export const imageRead: Handler<'image/read'> = async (params, ctx) => ({
  url: await (await readySession(ctx)).agent.imageDataUrl({ hash: params.hash, mime: params.mime, width: 1, height: 1 }),
});
