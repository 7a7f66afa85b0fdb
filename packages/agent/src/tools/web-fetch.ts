import { convert } from 'html-to-text';
import { anyAddress, publicAddressesOnly } from '../sandbox/network.js';
import { looksBinary } from './binary.js';
import { type Fetched, guardedGet } from './http-get.js';
import { type JsonSchema, validateInput } from './input-schema.js';
import { capLines, DEFAULT_OUTPUT_CAP } from './output-cap.js';
import type { AgentTool, ToolOutput } from './tool.js';
import { ToolError } from './tool.js';

const DEFAULT_MAX_BYTES = 1024 * 1024;
const MAX_MAX_BYTES = 10 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 15_000;

export interface WebFetchToolOptions {
  /** Allow loopback and private addresses (local development servers, tests). Off by default. */
  allowPrivateNetwork?: boolean;
  /** Milliseconds for the whole fetch, redirects included (default 15 000). */
  timeoutMs?: number;
  /** Characters one result may hold (default 30 000). */
  outputCap?: number;
}

interface WebFetchInput {
  url: string;
  max_bytes?: number;
}

const inputSchema = {
  type: 'object',
  properties: {
    url: { type: 'string', minLength: 1, description: 'The http or https URL to fetch.' },
    max_bytes: {
      type: 'integer',
      minimum: 1,
      maximum: MAX_MAX_BYTES,
      description: `Stop reading the body after this many bytes (default ${DEFAULT_MAX_BYTES}).`,
    },
  },
  required: ['url'],
  additionalProperties: false,
} satisfies JsonSchema;

const TEXT_TYPES =
  /^(text\/|application\/(json|xml|javascript|ecmascript|x-yaml|yaml|toml|x-sh|csv)$|.*\+(json|xml)$)/;
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

function decode(body: Buffer, contentType: string): string {
  const charset = /charset="?([^";\s]+)/i.exec(contentType)?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}

const htmlToText = (html: string, base: URL): string =>
  convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'img', format: 'skip' },
      {
        selector: 'a',
        options: {
          hideLinkHrefIfSameAsText: true,
          // Relative links are useless to a model that cannot see the page's address; make them absolute.
          pathRewrite: (href: string) => URL.parse(href, base.href)?.href ?? href,
        },
      },
      ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({
        selector,
        options: { uppercase: false },
      })),
    ],
  });

/** The page as text: HTML converted, other text as is, anything else refused by name. */
function pageText(page: Fetched): string {
  const type = page.contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (HTML_TYPES.has(type)) return htmlToText(decode(page.body, page.contentType), page.url);
  if (TEXT_TYPES.test(type) || (type === '' && !looksBinary(page.body))) {
    return decode(page.body, page.contentType);
  }
  throw new ToolError(
    `${page.url} returned ${type || 'binary content'}, which is not text; WebFetch only reads HTML and text.`,
  );
}

function failure(error: unknown, url: URL, timeout: AbortSignal, signal: AbortSignal): ToolError {
  if (error instanceof ToolError) return error;
  if (signal.aborted) return new ToolError('Aborted.');
  if (timeout.aborted) return new ToolError(`Timed out fetching ${url}.`);
  const code = (error as NodeJS.ErrnoException).code;
  return new ToolError(`Fetching ${url} failed: ${code ?? (error as Error).message}.`);
}

/** WebFetch: one web page as text, with the network policy applied to every hop. */
export function webFetchTool(options: WebFetchToolOptions = {}): AgentTool {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const cap = options.outputCap ?? DEFAULT_OUTPUT_CAP;
  return {
    name: 'WebFetch',
    description: [
      'Fetches an http or https URL with GET and returns its content as text: HTML is converted to plain text (images dropped, link targets kept in brackets), other text as is; binary content is refused.',
      'Redirects are followed (at most 5).',
      options.allowPrivateNetwork
        ? 'Local and private network addresses are allowed.'
        : 'Only public internet addresses can be fetched: localhost, private and link-local addresses are refused.',
      `Reads at most max_bytes of the body (default 1 MB) and gives up after ${timeoutMs / 1000} s; the result is cut after ${cap} characters.`,
    ].join(' '),
    inputSchema,
    readOnly: true,
    async execute(input, context): Promise<ToolOutput> {
      const { url: raw, max_bytes: maxBytes = DEFAULT_MAX_BYTES } = validateInput<WebFetchInput>(
        'WebFetch',
        inputSchema,
        input,
      );
      const url = URL.parse(raw);
      if (!url) throw new ToolError(`${JSON.stringify(raw)} is not a valid URL.`);
      const timeout = AbortSignal.timeout(timeoutMs);
      let page: Fetched;
      try {
        page = await guardedGet(url, {
          policy: options.allowPrivateNetwork ? anyAddress : publicAddressesOnly,
          maxBytes,
          signal: AbortSignal.any([context.signal, timeout]),
        });
      } catch (error) {
        throw failure(error, url, timeout, context.signal);
      }
      const text = pageText(page).trim();
      const header = [
        `URL: ${page.url}`,
        `Status: ${page.status} ${page.statusText}`.trimEnd(),
        page.contentType ? `Content-Type: ${page.contentType}` : undefined,
        page.truncated ? `[Only the first ${maxBytes} bytes were read.]` : undefined,
      ].filter((line) => line !== undefined);
      const body = capLines(`${header.join('\n')}\n\n${text || '(empty body)'}`, cap, 'The page is longer.');
      const ok = page.status >= 200 && page.status < 300;
      return ok ? body : { content: [{ type: 'text', text: body }], isError: true };
    },
  };
}
