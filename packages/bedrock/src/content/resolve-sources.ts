import { sniffImageFormat } from '../converse/image-format.js';
import { ValidationError } from '../errors/strata-error.js';
import { MAX_DOCUMENT_BYTES, MAX_IMAGE_BYTES } from '../preflight/media-limits.js';
import type {
  BinarySource,
  ContentBlock,
  DocumentFormat,
  ImageFormat,
  Message,
  ToolResultContent,
} from '../types/content.js';

const FETCH_TIMEOUT_MS = 15_000;

const IMAGE_TYPES: Record<string, ImageFormat> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

const isLoopback = (host: string): boolean =>
  host === 'localhost' || host === '[::1]' || host.startsWith('127.');

async function fetchBytes(
  url: URL,
  limit: number,
  path: string,
  signal?: AbortSignal,
): Promise<{ bytes: Uint8Array; type?: string }> {
  // Plain http is allowed only to this machine (tests, local servers); the wider network needs https.
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
    throw new ValidationError(`${path}: only https: URLs can be fetched (got ${url.protocol}).`, { path });
  }
  const timeout = AbortSignal.timeout(FETCH_TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetch(url, {
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      redirect: 'follow',
    });
  } catch (error) {
    throw new ValidationError(
      `${path}: could not fetch ${url.origin}${url.pathname}: ${(error as Error).message}`,
      { path, cause: error },
    );
  }
  if (!response.ok)
    throw new ValidationError(
      `${path}: fetching ${url.origin}${url.pathname} answered HTTP ${response.status}.`,
      { path },
    );
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > limit)
    throw new ValidationError(`${path}: ${declared} bytes is over the ${limit}-byte limit.`, { path });
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += chunk.length;
    if (size > limit) {
      await response.body?.cancel();
      throw new ValidationError(`${path}: the download exceeds the ${limit}-byte limit.`, { path });
    }
    chunks.push(chunk);
  }
  const type = response.headers.get('content-type')?.split(';')[0]?.trim();
  return { bytes: Buffer.concat(chunks), ...(type ? { type } : {}) };
}

function decodeDataUrl(url: string, path: string): { bytes: Uint8Array; type?: string } {
  const match = /^data:([^;,]*)(;base64)?,(.*)$/s.exec(url);
  if (!match) throw new ValidationError(`${path}: malformed data: URL.`, { path });
  const data = match[3] ?? '';
  const bytes = match[2] ? Buffer.from(data, 'base64') : Buffer.from(decodeURIComponent(data));
  return { bytes, ...(match[1] ? { type: match[1] } : {}) };
}

async function loadSource(
  source: BinarySource,
  limit: number,
  path: string,
  signal?: AbortSignal,
): Promise<{ source: BinarySource; type?: string }> {
  if (source.type === 's3') return { source };
  let loaded: { bytes: Uint8Array; type?: string };
  if (source.type === 'bytes') loaded = { bytes: source.data };
  else if (source.type === 'base64') loaded = { bytes: Buffer.from(source.data, 'base64') };
  else if (source.url.startsWith('data:')) loaded = decodeDataUrl(source.url, path);
  else if (source.url.startsWith('s3://')) return { source: { type: 's3', uri: source.url } };
  else {
    let url: URL;
    try {
      url = new URL(source.url);
    } catch {
      throw new ValidationError(`${path}: "${source.url.slice(0, 100)}" is not a URL.`, { path });
    }
    loaded = await fetchBytes(url, limit, path, signal);
  }
  if (loaded.bytes.length > limit) {
    throw new ValidationError(
      `${path}: ${loaded.bytes.length} bytes is over Bedrock's ${limit}-byte limit. Resize or compress it.`,
      { path },
    );
  }
  return { source: { type: 'bytes', data: loaded.bytes }, ...(loaded.type ? { type: loaded.type } : {}) };
}

async function resolveBlock<T extends ContentBlock | ToolResultContent>(
  block: T,
  path: string,
  signal?: AbortSignal,
): Promise<T> {
  if (block.type === 'image') {
    // An S3 image stays where it is; its format comes from the key's extension when the wire is written.
    if (block.source.type === 's3' || (block.source.type === 'url' && block.source.url.startsWith('s3://'))) {
      const source =
        block.source.type === 's3' ? block.source : { type: 's3' as const, uri: block.source.url };
      return { ...block, source };
    }
    const { source, type } = await loadSource(block.source, MAX_IMAGE_BYTES, path, signal);
    const sniffed = source.type === 'bytes' ? sniffImageFormat(source.data) : undefined;
    const format = sniffed ?? block.format ?? (type ? IMAGE_TYPES[type] : undefined);
    if (!format) {
      throw new ValidationError(
        `${path}: unknown image type${type ? ` "${type}"` : ''}; Bedrock takes png, jpeg, gif and webp.`,
        { path },
      );
    }
    return { ...block, format, source };
  }
  if (block.type === 'document') {
    const { source } = await loadSource(block.source, MAX_DOCUMENT_BYTES, path, signal);
    return { ...block, format: block.format as DocumentFormat, source };
  }
  if (block.type === 'tool-result') {
    const content = await Promise.all(
      block.content.map((c, i) => resolveBlock(c, `${path}.content.${i}`, signal)),
    );
    return { ...block, content };
  }
  return block;
}

/**
 * Turns every image and document source into bytes (or an S3 location) Bedrock accepts: decodes
 * base64 and data: URLs, fetches https URLs with a size cap and a timeout, and checks the image type
 * from its bytes.
 */
export async function resolveSources(messages: Message[], signal?: AbortSignal): Promise<Message[]> {
  const needs = messages.some((m) =>
    m.content.some((b) => b.type === 'image' || b.type === 'document' || b.type === 'tool-result'),
  );
  if (!needs) return messages;
  return Promise.all(
    messages.map(async (message, i) => ({
      ...message,
      content: await Promise.all(
        message.content.map((block, j) => resolveBlock(block, `messages.${i}.content.${j}`, signal)),
      ),
    })),
  );
}
