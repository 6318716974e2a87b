import type { Handler } from '../types';

export const contextProblems: Handler<'context/problems'> = (_params, ctx) => {
  const attachment = ctx.editor.problems();
  return attachment ? { attachment } : {};
};
