import type { Handler } from '../types';

/** Stores a pasted or dropped image (base64) or a workspace image file in the session. */
export const imageAdd: Handler<'image/add'> = async (params, ctx) => {
  const config = await ctx.config.current();
  if (config.images === false) throw new Error(`Image input is switched off for ${config.model} (setting tandem.imageInputOff).`);
  if ((params.data === undefined) === (params.path === undefined)) throw new Error('Send either the image data or a workspace path.');
  return (await ctx.sessions.ensure()).addImage(params);
};
