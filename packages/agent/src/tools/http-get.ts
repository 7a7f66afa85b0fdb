import type { LookupAddress } from 'node:dns';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { type AddressPolicy, resolveAllowedAddresses } from '../sandbox/network.js';
import { ToolError } from './tool.js';

const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export interface GetOptions {
  /** Which addresses may be connected to; applied to the first URL and to every redirect. */
  policy: AddressPolicy;
  /** Bytes of (decompressed) body to keep; reading stops there. */
  maxBytes: number;
  signal: AbortSignal;
}

export interface Fetched {
  /** Where the body came from, after redirects. */
  url: URL;
  status: number;
  statusText: string;
  contentType: string;
  body: Buffer;
  /** The body was longer than maxBytes and was cut. */
  truncated: boolean;
}

/** Refuses schemes other than http and https (file:, data:, ftp: … have no place in a web fetch). */
export function checkScheme(url: URL): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ToolError(`Only http and https URLs can be fetched, not ${url.protocol.replace(/:$/, '')}.`);
  }
}

/**
 * A lookup that answers only with the addresses already checked, so the connection goes to an
 * address that passed the check: a second DNS answer (rebinding) never gets a say.
 */
const pinnedLookup =
  (addresses: LookupAddress[]): LookupFunction =>
  (hostname, options, callback) => {
    const usable = options.family ? addresses.filter((a) => a.family === options.family) : addresses;
    const first = usable[0];
    if (!first) {
      const error: NodeJS.ErrnoException = new Error(`No usable address for ${hostname}`);
      error.code = 'ENOTFOUND';
      return callback(error, '', 0);
    }
    if (options.all) return (callback as (e: null, all: LookupAddress[]) => void)(null, usable);
    callback(null, first.address, first.family);
  };

async function request(url: URL, options: GetOptions): Promise<IncomingMessage> {
  const addresses = await resolveAllowedAddresses(url.hostname, options.policy);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(url, {
      method: 'GET',
      signal: options.signal,
      lookup: pinnedLookup(addresses),
      // No pooling: a pooled socket may be connected to an address checked under another policy.
      agent: false,
      headers: {
        'user-agent': 'Strata-WebFetch/0.1 (+https://github.com/strata)',
        accept: 'text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5',
        'accept-encoding': 'gzip, deflate, br',
      },
    });
    req.on('response', resolve);
    req.on('error', reject);
    req.end();
  });
}

function decoded(response: IncomingMessage): Readable {
  const encoding = response.headers['content-encoding']?.trim().toLowerCase();
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? createGunzip()
      : encoding === 'deflate'
        ? createInflate()
        : encoding === 'br'
          ? createBrotliDecompress()
          : undefined;
  // pipeline carries errors (and aborts) from the response into the decoder the caller reads.
  return decoder ? pipeline(response, decoder, () => {}) : response;
}

/** Reads at most `maxBytes`, then lets go of the connection: the cap bounds memory, not just output. */
async function readCapped(response: IncomingMessage, maxBytes: number) {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  for await (const chunk of decoded(response) as AsyncIterable<Buffer>) {
    const room = maxBytes - size;
    if (chunk.length > room) {
      chunks.push(chunk.subarray(0, room));
      size += room;
      truncated = true;
      break;
    }
    chunks.push(chunk);
    size += chunk.length;
  }
  response.destroy();
  return { body: Buffer.concat(chunks, size), truncated };
}

/**
 * GET with the address policy applied to the first URL and to every redirect (followed by hand, at
 * most five), a byte cap and the caller's signal (which carries the timeout).
 */
export async function guardedGet(start: URL, options: GetOptions): Promise<Fetched> {
  let url = start;
  for (let hop = 0; ; hop++) {
    checkScheme(url);
    const response = await request(url, options);
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (REDIRECTS.has(status) && location) {
      response.destroy();
      if (hop === MAX_REDIRECTS)
        throw new ToolError(`Too many redirects (more than ${MAX_REDIRECTS}) from ${start}.`);
      url = new URL(location, url);
      continue;
    }
    const { body, truncated } = await readCapped(response, options.maxBytes);
    return {
      url,
      status,
      statusText: response.statusMessage ?? '',
      contentType: response.headers['content-type'] ?? '',
      body,
      truncated,
    };
  }
}
