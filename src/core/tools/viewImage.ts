// view_image (codex's name and argument): shows the model an image file from the staged
// view, e.g. a screenshot a sandboxed command wrote (its output is staged, so the view
// sees it before the user applies anything). The image is stored in the session's image
// store (downscaled if it is over the limits) and sent after this round's tool outputs.
import { Type, type Static } from '@sinclair/typebox';
import { ImageError } from '../images/prepare';
import { ToolError, type Tool } from './types';
import { checkRead, shown, toolPath } from './common';

const parameters = Type.Object(
  { path: Type.String({ description: 'Workspace-relative path of a PNG, JPEG, GIF or WebP image.' }) },
  { additionalProperties: false },
);

export const viewImageTool: Tool<typeof parameters> = {
  name: 'view_image',
  description:
    'Look at an image file in the workspace (with your staged changes, including files your commands wrote, such as screenshots). ' +
    'The image is attached to the conversation right after this call. PNG, JPEG, GIF or WebP.',
  parameters,
  mutates: false,
  async run(args: Static<typeof parameters>, ctx) {
    const path = toolPath(ctx, args.path);
    if (path === '') throw new ToolError('"." is the workspace folder, not an image file.');
    if (!ctx.images) throw new ToolError('This session cannot show images.');
    if (ctx.imagesAllowed === false) throw new ToolError('Image input is switched off for this model, so images cannot be shown to you.');
    await checkRead(ctx, path);
    const stat = await ctx.view.stat(path);
    if (stat?.type === 'directory') throw new ToolError(`${path} is a directory, not an image.`);
    const bytes = stat ? await ctx.view.readFile(path) : undefined;
    if (!bytes) throw new ToolError(`File not found: ${path}. Use list_dir or search to find the right path.`);
    let image;
    try {
      image = await ctx.images.add(bytes, path);
    } catch (err) {
      if (err instanceof ImageError) throw new ToolError(`Cannot show ${shown(path)}: ${err.message}`);
      throw err;
    }
    return { success: true, output: `Attached ${shown(path)} (${image.width}×${image.height}, ${image.mime}); the image follows.`, images: [image] };
  },
};
