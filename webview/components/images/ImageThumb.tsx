// A stored image as a small thumbnail (composer chips, user messages, view_image cards).
import type { ImageAttachment } from '../../../src/protocol';
import { useImageUrl } from './images';

export function ImageThumb({ image }: { image: ImageAttachment }) {
  const url = useImageUrl(image);
  const label = `${image.name ?? 'Image'} (${image.width}×${image.height})`;
  return url ? <img className="image-thumb" src={url} alt={label} title={label} /> : <span className="image-thumb image-thumb-empty" role="img" aria-label={label} />;
}
