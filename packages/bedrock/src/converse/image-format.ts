/**
 * Bedrock requires an image's format, while the unified type lets it be omitted when the bytes tell.
 * Sniffing the magic numbers (or an S3 key's extension) keeps callers from having to know.
 */
import { ValidationError } from '../errors/strata-error.js';
import type { BinarySource, ImageBlock, ImageFormat } from '../types/content.js';

/** The image format from its magic number, so a mislabelled file is caught before Bedrock rejects it. */
export function sniffImageFormat(head: Uint8Array): ImageFormat | undefined {
  const at = (i: number) => head[i] ?? -1;
  if (at(0) === 0x89 && at(1) === 0x50 && at(2) === 0x4e && at(3) === 0x47) return 'png';
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'jpeg';
  if (at(0) === 0x47 && at(1) === 0x49 && at(2) === 0x46 && at(3) === 0x38) return 'gif';
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  return undefined;
}

const EXTENSIONS: Record<string, ImageFormat> = {
  png: 'png',
  jpg: 'jpeg',
  jpeg: 'jpeg',
  gif: 'gif',
  webp: 'webp',
};

function formatOfSource(source: BinarySource): ImageFormat | undefined {
  switch (source.type) {
    case 'bytes':
      return sniffImageFormat(source.data.subarray(0, 12));
    case 'base64':
      // 16 base64 characters are 12 bytes: enough for every signature above.
      return sniffImageFormat(new Uint8Array(Buffer.from(source.data.slice(0, 16), 'base64')));
    case 's3':
      return EXTENSIONS[/\.([a-z0-9]+)$/i.exec(source.uri)?.[1]?.toLowerCase() ?? ''];
    case 'url':
      return undefined;
  }
}

export function imageFormat(block: ImageBlock, path: string): ImageFormat {
  const format = block.format ?? formatOfSource(block.source);
  if (format) return format;
  throw new ValidationError(
    `The image at ${path} has no format and its bytes are not PNG, JPEG, GIF or WebP; set format explicitly.`,
    { path: `${path}.format` },
  );
}
