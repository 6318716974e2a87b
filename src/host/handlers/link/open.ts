import type { Handler } from '../types';

/** Only after the user's click in the webview; the editor side refuses anything but http(s) and workspace files. */
export const linkOpen: Handler<'link/open'> = async (params, ctx) => {
  await ctx.editor.openLink(params.href);
  return { ok: true };
};
