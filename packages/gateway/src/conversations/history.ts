import type { ContentBlock, ImageFormat, Message } from '@strata/bedrock';
import type { StoredMessage } from '../storage/types.js';

/** The conversation as the model should see it: finished messages, and aborted ones that said something. */
export function historyOf(stored: StoredMessage[]): Message[] {
  return stored
    .filter((m) => m.status === 'complete' || (m.status === 'aborted' && m.content.length > 0))
    .map((m) => ({ role: m.role, content: m.content }));
}

const FORMATS: Record<string, ImageFormat> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

export interface TurnInput {
  text: string;
  images?: { mediaType: string; data: string }[];
}

/** A user turn's content: its images first (as Claude prefers), then the text. */
export function userContent(input: TurnInput): ContentBlock[] {
  const images: ContentBlock[] = (input.images ?? []).map((image) => ({
    type: 'image',
    ...(FORMATS[image.mediaType] ? { format: FORMATS[image.mediaType] } : {}),
    source: { type: 'base64', data: image.data },
  }));
  return [...images, { type: 'text', text: input.text }];
}

export const imageMediaTypes = Object.keys(FORMATS);
