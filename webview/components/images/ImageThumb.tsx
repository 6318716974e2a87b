// A stored image as a small thumbnail (composer chips, user messages, view_image cards),
// named by its file name (data) and size.
import * as l10n from '@vscode/l10n';
import type { ImageAttachment } from '../../../src/protocol';
import { useImageUrl } from './images';

export function imageLabel(image: ImageAttachment): string {
  return image.name ? l10n.t('{0} ({1}×{2})', image.name, image.width, image.height) : l10n.t('Image ({0}×{1})', image.width, image.height);
}

export function ImageThumb({ image }: { image: ImageAttachment }) {
  const url = useImageUrl(image);
  const label = imageLabel(image);
  return url ? <img className="image-thumb" src={url} alt={label} title={label} /> : <span className="image-thumb image-thumb-empty" role="img" aria-label={label} />;
}
