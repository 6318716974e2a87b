import * as l10n from '@vscode/l10n';
import type { Handler } from '../types';

/** Stores a pasted or dropped image (base64) or a workspace image file in the session. */
export const imageAdd: Handler<'image/add'> = async (params, ctx) => {
  const config = await ctx.config.current();
  if (config.images === false) throw new Error(l10n.t('Image input is switched off for {0} (setting tandem.imageInputOff).', config.model));
  if ((params.data === undefined) === (params.path === undefined)) throw new Error(l10n.t('Send either the image data or a workspace path.'));
  return (await ctx.sessions.ensure()).addImage(params);
};
