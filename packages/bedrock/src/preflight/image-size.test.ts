import { describe, expect, it } from 'vitest';
import { readImageSize } from './image-size.js';
import { gifHeader, jpegHeader, pngHeader, webpHeader } from './test-support/images.js';

describe('readImageSize', () => {
  it('reads PNG, GIF, JPEG and WebP headers', () => {
    expect(readImageSize(pngHeader(9000, 20))).toEqual({ width: 9000, height: 20 });
    expect(readImageSize(gifHeader(300, 200))).toEqual({ width: 300, height: 200 });
    expect(readImageSize(jpegHeader(640, 8001))).toEqual({ width: 640, height: 8001 });
    expect(readImageSize(webpHeader(12_000, 3))).toEqual({ width: 12_000, height: 3 });
  });

  it('answers undefined for bytes it does not recognise', () => {
    expect(readImageSize(new Uint8Array([1, 2, 3, 4]))).toBeUndefined();
  });
});
