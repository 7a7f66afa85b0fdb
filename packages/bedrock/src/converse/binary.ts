/**
 * Binary content on the wire. Every Bedrock body is JSON, so bytes travel as base64; by the time a
 * request reaches a codec, `url` sources must already have been fetched (that needs I/O, which the
 * codecs never do), so one arriving here is a caller error named by its path.
 */
import { ValidationError } from '../errors/strata-error.js';
import type { BinarySource } from '../types/content.js';

export const toBase64 = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

/** A plain Uint8Array (not a pooled Buffer view), so it compares and serialises like any other. */
export const fromBase64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));

export function unresolvedUrl(path: string): ValidationError {
  return new ValidationError(
    `The content at ${path} still has a URL source; fetch it into bytes before encoding (the client does this for you).`,
    { path },
  );
}

/** The base64 of an inline source; S3 and URL sources have no bytes here. */
export function inlineBase64(source: BinarySource, path: string, what: string): string {
  switch (source.type) {
    case 'bytes':
      return toBase64(source.data);
    case 'base64':
      return source.data;
    case 'url':
      throw unresolvedUrl(path);
    case 's3':
      throw new ValidationError(
        `${what} cannot read S3 objects (${path}); send the bytes, or use the Converse API.`,
        {
          path,
        },
      );
  }
}

/** The text of an inline source, for formats that take documents as plain text. */
export function inlineText(source: BinarySource, path: string, what: string): string {
  if (source.type === 'bytes') {
    return Buffer.from(source.data.buffer, source.data.byteOffset, source.data.byteLength).toString('utf8');
  }
  return Buffer.from(inlineBase64(source, path, what), 'base64').toString('utf8');
}
