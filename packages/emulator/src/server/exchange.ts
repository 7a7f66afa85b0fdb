import type http from 'node:http';
import type http2 from 'node:http2';
import { EmulatorError } from '../errors/emulator-error.js';

export type ServerRequest = http.IncomingMessage | http2.Http2ServerRequest;
export type ServerResponse = http.ServerResponse | http2.Http2ServerResponse;

/** Real Bedrock rejects request bodies over 25 MB at its front door; so do we. */
export const MAX_BODY_BYTES = 25 * 1024 * 1024;

export function readBody(req: ServerRequest): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(
          new EmulatorError(
            413,
            'ValidationException',
            'Request body is too large. The maximum size is 25 MB.',
          ),
        );
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const ERROR_TYPE_SUFFIX = ':http://internal.amazon.com/coral/com.amazon.bedrock/';

export function writeJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string>,
): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(payload)),
  });
  res.end(payload);
}

export function writeError(res: ServerResponse, error: EmulatorError, requestId: string): void {
  writeJson(res, error.status, error.body(), {
    ...error.headers,
    'x-amzn-requestid': requestId,
    'x-amzn-errortype': `${error.type}${ERROR_TYPE_SUFFIX}`,
  });
}

/** Ends the exchange abruptly: an HTTP/2 stream reset, or a dropped HTTP/1.1 connection. */
export function resetExchange(req: ServerRequest, res: ServerResponse): void {
  if ('stream' in res && res.stream) {
    res.stream.close(0x2 /* NGHTTP2_INTERNAL_ERROR */);
    return;
  }
  req.socket.destroy();
}

/** `write` on either protocol's response (their overloads differ only in typing); `flushed` runs once sent. */
export const writeChunk = (res: ServerResponse, chunk: Uint8Array, flushed?: () => void): boolean =>
  (res as http.ServerResponse).write(chunk, flushed);
