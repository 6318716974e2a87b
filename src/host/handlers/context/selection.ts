import type { Handler } from '../types';

export const contextSelection: Handler<'context/selection'> = (_params, ctx) => {
  const attachment = ctx.editor.selection();
  return attachment ? { attachment } : {};
};
