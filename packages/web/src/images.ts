/** Image attachments: what Bedrock accepts and how files become the gateway's `images` entries. */

export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
/** Bedrock's limit for one image. */
export const MAX_IMAGE_BYTES = 3.75 * 1024 * 1024;

export interface PendingImage {
  name: string;
  mediaType: string;
  /** Base64 without the `data:` prefix. */
  data: string;
  /** A data URL for the preview. */
  url: string;
}

export function isAcceptedImage(type: string): boolean {
  return (IMAGE_TYPES as readonly string[]).includes(type);
}

/** `data:image/png;base64,AAAA` → `{ mediaType: 'image/png', data: 'AAAA' }`. */
export function splitDataUrl(url: string): { mediaType: string; data: string } | undefined {
  const m = /^data:([^;,]+);base64,(.*)$/s.exec(url);
  if (!m?.[1] || m[2] === undefined) return undefined;
  return { mediaType: m[1], data: m[2] };
}

/** A stored image block's `format` (`png`, `jpeg`…) as a media type. */
export function mediaTypeOf(format: string): string {
  const f = format.toLowerCase();
  if (f.startsWith('image/')) return f;
  return `image/${f === 'jpg' ? 'jpeg' : f}`;
}

/** `image/jpeg` → `jpeg`, the unified blocks' `format`. */
export function formatOf(mediaType: string): string {
  return mediaType.replace(/^image\//, '');
}

/** Reads a file the user picked, dropped or pasted; rejects with a readable reason. */
export function readImage(file: File): Promise<PendingImage> {
  return new Promise((resolve, reject) => {
    if (!isAcceptedImage(file.type)) {
      reject(new Error(`${file.name || 'That file'} is not a PNG, JPEG, GIF or WebP image.`));
      return;
    }
    if (file.size > MAX_IMAGE_BYTES) {
      reject(new Error(`${file.name || 'That image'} is larger than 3.75 MB.`));
      return;
    }
    const reader = new FileReader();
    reader.onerror = () => reject(new Error(`Could not read ${file.name || 'the image'}.`));
    reader.onload = () => {
      const url = String(reader.result);
      const parts = splitDataUrl(url);
      if (!parts) reject(new Error(`Could not read ${file.name || 'the image'}.`));
      else resolve({ name: file.name || 'pasted image', mediaType: parts.mediaType, data: parts.data, url });
    };
    reader.readAsDataURL(file);
  });
}
