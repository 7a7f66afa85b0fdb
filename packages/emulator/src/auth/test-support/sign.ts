import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AuthRequest } from '../types.js';

export const HOST = 'bedrock-runtime.us-east-1.amazonaws.com';
export const AKID = 'AKIDEXAMPLE';
export const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';

export interface SignOptions {
  date: Date;
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
  service?: string;
  region?: string;
  method?: string;
  /** Already percent-encoded, as the SDK builds it. */
  path?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
}

/** RFC 3986 escaping, as the SDK's query-string builder does. */
const rfc3986 = (s: string): string =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** What the emulator's server hands `authenticate`: lower-cased headers, raw path and query. */
export function toAuthRequest(request: HttpRequest): AuthRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
  const rawQuery = Object.entries(request.query ?? {})
    .map(([k, v]) => `${rfc3986(k)}=${rfc3986(String(v))}`)
    .join('&');
  const raw = request.body as string | Uint8Array | undefined;
  // The SDK's JSON body is a Uint8Array subclass whose valueOf() is a string: copy its bytes directly.
  const body =
    raw instanceof Uint8Array
      ? Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength)
      : Buffer.from(raw ?? '');
  return { method: request.method, rawPath: request.path, rawQuery, headers, body };
}

/** Signs a request with `@smithy/signature-v4` exactly as the AWS SDK configures it. */
export async function sign(options: SignOptions): Promise<AuthRequest> {
  const signer = new SignatureV4({
    service: options.service ?? 'bedrock',
    region: options.region ?? 'us-east-1',
    credentials: {
      accessKeyId: options.accessKeyId ?? AKID,
      secretAccessKey: options.secretAccessKey ?? SECRET,
      ...(options.sessionToken ? { sessionToken: options.sessionToken } : {}),
    },
    sha256: Hash.bind(null, 'sha256'),
  });
  const body = options.body ?? '{"messages":[]}';
  const request = new HttpRequest({
    method: options.method ?? 'POST',
    protocol: 'https:',
    hostname: HOST,
    path: options.path ?? '/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse',
    query: options.query ?? {},
    headers: {
      host: HOST,
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      ...options.headers,
    },
    body,
  });
  const signed = await signer.sign(request, { signingDate: options.date });
  return toAuthRequest(signed as HttpRequest);
}

/** The same exchange as an HTTP/2 server sees it: pseudo-headers, and `:authority` instead of `host`. */
export function overHttp2(req: AuthRequest): AuthRequest {
  const { host, ...headers } = req.headers;
  const path = req.rawQuery ? `${req.rawPath}?${req.rawQuery}` : req.rawPath;
  return {
    ...req,
    headers: { ':method': req.method, ':scheme': 'https', ':authority': host, ':path': path, ...headers },
  };
}

/** The `Authorization` header of a signed request. */
export const authorizationOf = (req: AuthRequest): string => String(req.headers.authorization);

/** The signature in a signed request's `Authorization` header. */
export const signatureOf = (req: AuthRequest): string =>
  /Signature=([0-9a-f]+)/.exec(authorizationOf(req))?.[1] ?? '';
