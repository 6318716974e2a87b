import type { Handler } from '../types';

export const filesSearch: Handler<'files/search'> = async (params, ctx) => ({ files: await ctx.editor.findFiles(params.query) });
