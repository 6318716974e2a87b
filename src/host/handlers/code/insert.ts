import type { Handler } from '../types';

export const codeInsert: Handler<'code/insert'> = async (params, ctx) => {
  await ctx.editor.insertCode(params.code);
  return { ok: true };
};
