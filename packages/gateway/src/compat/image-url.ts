import { type ImageBlock, ValidationError } from '@strata/bedrock';

/**
 * An image given by URL. Only `data:` (decoded in place) and `https:` (fetched by the library) are
 * taken from callers: the library also fetches plain http from loopback, which a gateway must not
 * let a caller point at its own host.
 */
export function imageFromUrl(url: string, path: string): ImageBlock {
  if (!url.startsWith('data:') && !url.startsWith('https:')) {
    throw new ValidationError(`${path}: image URLs must be data: or https: URLs.`, { path });
  }
  return { type: 'image', source: { type: 'url', url } };
}
