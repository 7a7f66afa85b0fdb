import type { BinarySource, DocumentBlock, ImageBlock, Message, TextBlock } from '../types/content.js';
import type { ChatRequest } from '../types/request.js';
import { blockPath, textBlock, withContent } from './blocks.js';
import type { RuleContext } from './context.js';
import { readImageSize } from './image-size.js';

/**
 * Bedrock's limits on media in one Converse request (API reference, `Message.content`): up to 20
 * images of at most 3.75 MB and 8,000 × 8,000 px; up to five documents of at most 4.5 MB; images
 * and documents only in user turns; a document needs a text block beside it. The byte limits are
 * the same numbers content/resolve-sources.ts enforces when it loads a source.
 */
export const MAX_IMAGES = 20;
export const MAX_IMAGE_BYTES = 3_750_000;
export const MAX_IMAGE_SIDE = 8000;
export const MAX_DOCUMENTS = 5;
export const MAX_DOCUMENT_BYTES = 4_500_000;
const MAX_DOCUMENT_NAME = 200;

type Media = ImageBlock | DocumentBlock;

/**
 * Media Bedrock would reject. Oversized media is an error even in repair mode: shrinking it needs an
 * image or PDF codec, and answering without the picture the user asked about would answer another
 * question. Too many media is repaired by replacing the oldest with a note (an agent that takes a
 * screenshot per step keeps working, and the latest media, which matter most, stay).
 */
export function checkMedia(request: ChatRequest, context: RuleContext): ChatRequest {
  let messages = removeAssistantMedia(request.messages, context);
  checkSizes(messages, context);
  messages = limitCount(messages, 'image', MAX_IMAGES, context);
  messages = limitCount(messages, 'document', MAX_DOCUMENTS, context);
  messages = sanitizeDocumentNames(messages, context);
  messages = ensureDocumentText(messages, context);
  return { ...request, messages };
}

/** Every image and document, top-level or inside a tool result, in conversation order. */
function mapMedia(messages: Message[], visit: (media: Media, path: string) => Media | TextBlock): Message[] {
  return messages.map((message, i) => {
    const content = message.content.map((block, j) => {
      const path = blockPath(i, j);
      if (block.type === 'image' || block.type === 'document') return visit(block, path);
      if (block.type !== 'tool-result') return block;
      const parts = block.content.map((part, k) =>
        part.type === 'image' || part.type === 'document' ? visit(part, `${path}.content.${k}`) : part,
      );
      return parts.every((part, k) => part === block.content[k]) ? block : { ...block, content: parts };
    });
    return withContent(message, content);
  });
}

function removeAssistantMedia(messages: Message[], context: RuleContext): Message[] {
  return messages.map((message, i) => {
    if (message.role !== 'assistant') return message;
    const content = message.content.filter((block, j) => {
      if (block.type !== 'image' && block.type !== 'document') return true;
      context.issue({
        code: 'media-in-assistant-removed',
        path: blockPath(i, j),
        problem: `Only user messages can contain images and documents (found ${block.type === 'image' ? 'an image' : 'a document'} in an assistant message).`,
        repaired: 'Removed it.',
        fix: 'Move the media to a user message.',
      });
      return false;
    });
    return withContent(message, content);
  });
}

/** Decoded size, computed from the base64 length without decoding; unknown for URLs and S3. */
function byteLength(source: BinarySource): number | undefined {
  if (source.type === 'bytes') return source.data.length;
  if (source.type !== 'base64') return undefined;
  const padding = source.data.endsWith('==') ? 2 : source.data.endsWith('=') ? 1 : 0;
  return Math.floor((source.data.length * 3) / 4) - padding;
}

const bytesOf = (source: BinarySource): Uint8Array | undefined =>
  source.type === 'bytes'
    ? source.data
    : source.type === 'base64'
      ? Buffer.from(source.data, 'base64')
      : undefined;

const megabytes = (bytes: number): string => `${(bytes / 1_000_000).toFixed(2)} MB`;

function checkSizes(messages: Message[], context: RuleContext): void {
  mapMedia(messages, (media, path) => {
    const size = byteLength(media.source);
    const limit = media.type === 'image' ? MAX_IMAGE_BYTES : MAX_DOCUMENT_BYTES;
    if (size !== undefined && size > limit) {
      context.fail({
        code: `${media.type}-too-large`,
        path,
        problem: `The ${media.type} is ${megabytes(size)}; Bedrock accepts at most ${megabytes(limit)}.`,
        fix: media.type === 'image' ? 'Resize or recompress the image.' : 'Split or compress the document.',
      });
    }
    const bytes = media.type === 'image' ? bytesOf(media.source) : undefined;
    const pixels = bytes === undefined ? undefined : readImageSize(bytes);
    if (pixels !== undefined && Math.max(pixels.width, pixels.height) > MAX_IMAGE_SIDE) {
      context.fail({
        code: 'image-too-many-pixels',
        path,
        problem: `The image is ${pixels.width} × ${pixels.height} px; Bedrock accepts at most ${MAX_IMAGE_SIDE} px per side.`,
        fix: `Resize the image to at most ${MAX_IMAGE_SIDE} px per side.`,
      });
    }
    return media;
  });
}

function limitCount(
  messages: Message[],
  kind: Media['type'],
  limit: number,
  context: RuleContext,
): Message[] {
  let total = 0;
  mapMedia(messages, (media) => {
    if (media.type === kind) total++;
    return media;
  });
  let excess = total - limit;
  if (excess <= 0) return messages;
  const plural = kind === 'image' ? 'images' : 'documents';
  return mapMedia(messages, (media, path) => {
    if (media.type !== kind || excess <= 0) return media;
    excess--;
    context.issue({
      code: `too-many-${plural}`,
      path,
      problem: `The request has ${total} ${plural}; Bedrock accepts at most ${limit}.`,
      repaired: 'Replaced this one, among the oldest, with a note saying it was omitted.',
      fix: `Send at most ${limit} ${plural}; drop older ones from the history.`,
    });
    return textBlock(`[${kind} omitted: at most ${limit} ${plural} per request]`);
  });
}

/**
 * Bedrock allows only "alphanumeric characters, whitespace characters, hyphens, parentheses, and
 * square brackets", never two whitespace in a row, 1–200 characters; the Vercel AI SDK's live
 * capture (amazon-bedrock-invalid-document-filenames.json) shows accents, Hangul, tabs, `'`, `#`,
 * `&` and `,` all rejected. Accents are folded, other characters become hyphens; a name with no
 * letter or digit left becomes `document-N`.
 */
export function sanitizeDocumentName(name: string, ordinal: number): string {
  const folded = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const clean = folded
    .replace(/[^A-Za-z0-9 ()[\]-]/g, (char) => (/\s/.test(char) ? ' ' : '-'))
    .replace(/ {2,}/g, ' ')
    .replace(/-{2,}/g, '-')
    .trim()
    .slice(0, MAX_DOCUMENT_NAME)
    .trim();
  return /[A-Za-z0-9]/.test(clean) ? clean : `document-${ordinal}`;
}

function sanitizeDocumentNames(messages: Message[], context: RuleContext): Message[] {
  let ordinal = 0;
  return mapMedia(messages, (media, path) => {
    if (media.type !== 'document') return media;
    const name = sanitizeDocumentName(media.name, ++ordinal);
    if (name === media.name) return media;
    context.issue({
      code: 'document-name-sanitized',
      path: `${path}.name`,
      problem: `Bedrock rejects the document name ${JSON.stringify(media.name)}: names allow only letters, digits, single spaces, hyphens, parentheses and square brackets, up to ${MAX_DOCUMENT_NAME} characters.`,
      repaired: `Renamed it ${JSON.stringify(name)}.`,
      fix: `Rename the document, e.g. ${JSON.stringify(name)}.`,
    });
    return { ...media, name };
  });
}

function ensureDocumentText(messages: Message[], context: RuleContext): Message[] {
  return messages.map((message, i) => {
    const documents = message.content.flatMap((block) => (block.type === 'document' ? [block.name] : []));
    if (documents.length === 0 || message.content.some((block) => block.type === 'text')) return message;
    context.issue({
      code: 'document-without-text',
      path: `messages.${i}.content`,
      problem: 'A message with a document must also contain a text block.',
      repaired: 'Added a text block naming the document.',
      fix: 'Add a text block (the question about the document) to the message.',
    });
    const label = documents.length === 1 ? 'Attached document' : 'Attached documents';
    return { ...message, content: [...message.content, textBlock(`${label}: ${documents.join(', ')}`)] };
  });
}
