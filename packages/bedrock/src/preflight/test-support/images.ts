/** Just enough of each format's header for readImageSize, built by hand. */

export function pngHeader(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(33);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  return bytes;
}

export function gifHeader(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(13);
  bytes.set([0x47, 0x49, 0x46, 0x38, 0x39, 0x61]);
  const view = new DataView(bytes.buffer);
  view.setUint16(6, width, true);
  view.setUint16(8, height, true);
  return bytes;
}

/** SOI, an APP0 segment to skip, then a baseline start-of-frame. */
export function jpegHeader(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array([
    0xff, 0xd8, 0xff, 0xe0, 0, 6, 0x4a, 0x46, 0x49, 0x46, 0xff, 0xc0, 0, 11, 8, 0, 0, 0, 0, 3, 1, 0x22, 0,
  ]);
  const view = new DataView(bytes.buffer);
  view.setUint16(15, height);
  view.setUint16(17, width);
  return bytes;
}

/** An extended (VP8X) WebP header: sizes stored minus one, 24-bit little-endian. */
export function webpHeader(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(30);
  bytes.set(
    [...'RIFF'].map((c) => c.charCodeAt(0)),
    0,
  );
  bytes.set(
    [...'WEBPVP8X'].map((c) => c.charCodeAt(0)),
    8,
  );
  const view = new DataView(bytes.buffer);
  view.setUint16(24, (width - 1) & 0xffff, true);
  bytes[26] = (width - 1) >> 16;
  view.setUint16(27, (height - 1) & 0xffff, true);
  bytes[29] = (height - 1) >> 16;
  return bytes;
}
