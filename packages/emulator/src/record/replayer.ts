import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EmulatorError } from '../errors/emulator-error.js';
import { eventFrame, exceptionFrame } from '../eventstream/frames.js';
import type { ServerRequest, ServerResponse } from '../server/exchange.js';
import { writeError } from '../server/exchange.js';
import { writeStream } from '../server/stream-writer.js';
import { bodyDigest, type RecordedExchange } from './exchange.js';

const keyOf = (method: string, path: string, digest?: string) =>
  `${method} ${path}${digest ? ` ${digest}` : ''}`;

function frameOf(event: { headers: Record<string, string>; payload: unknown }): Uint8Array {
  const headers = event.headers;
  const payload = (event.payload ?? {}) as Record<string, unknown>;
  if (headers[':message-type'] === 'exception')
    return exceptionFrame(headers[':exception-type'] ?? 'internalServerException', payload);
  return eventFrame(headers[':event-type'] ?? 'chunk', payload);
}

/** Answers requests from fixtures recorded by `--record` (or written by hand in the same format). */
export class Replayer {
  private readonly served = new Map<string, number>();

  private constructor(
    private readonly dir: string,
    private readonly exchanges: Map<string, RecordedExchange[]>,
  ) {}

  static async load(dir: string): Promise<Replayer> {
    const exchanges = new Map<string, RecordedExchange[]>();
    let files: string[];
    try {
      files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
    } catch (error) {
      throw new Error(`Cannot read the replay directory ${dir}: ${(error as Error).message}`);
    }
    for (const file of files) {
      let exchange: RecordedExchange;
      try {
        exchange = JSON.parse(await readFile(join(dir, file), 'utf8')) as RecordedExchange;
      } catch (error) {
        throw new Error(`Replay fixture ${join(dir, file)} is not valid JSON: ${(error as Error).message}`);
      }
      if (!exchange.request?.method || !exchange.request.path || !exchange.response?.status) {
        throw new Error(
          `Replay fixture ${join(dir, file)} needs request.method, request.path and response.status.`,
        );
      }
      const key = keyOf(exchange.request.method, exchange.request.path, exchange.request.bodySha256);
      exchanges.set(key, [...(exchanges.get(key) ?? []), exchange]);
    }
    return new Replayer(dir, exchanges);
  }

  /** Finds the exchange for a request: exact body first, then any body; repeats cycle through them. */
  private find(method: string, path: string, body: Buffer): RecordedExchange | undefined {
    for (const key of [keyOf(method, path, bodyDigest(body)), keyOf(method, path)]) {
      const list = this.exchanges.get(key);
      if (!list?.length) continue;
      const n = this.served.get(key) ?? 0;
      this.served.set(key, n + 1);
      return list[n % list.length];
    }
    return undefined;
  }

  async answer(
    req: ServerRequest,
    res: ServerResponse,
    request: { method: string; rawPath: string; body: Buffer },
    requestId: string,
  ): Promise<number> {
    const exchange = this.find(request.method, request.rawPath, request.body);
    if (!exchange) {
      const error = new EmulatorError(
        404,
        'ResourceNotFoundException',
        `No recorded exchange for ${request.method} ${request.rawPath} with this body in ${this.dir}. Record it with --record DIR --upstream URL.`,
      );
      writeError(res, error, requestId);
      return 404;
    }
    const { status, headers = {}, body, events, rawBase64 } = exchange.response;
    const outHeaders = { ...headers, 'x-amzn-requestid': requestId };
    if (events || rawBase64) {
      const frames = rawBase64 ? [Buffer.from(rawBase64, 'base64')] : (events ?? []).map(frameOf);
      await writeStream(req, res, { frames, headers: outHeaders, delayMs: 0 });
      return status;
    }
    const payload = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body ?? {}));
    res.writeHead(status, {
      'content-type': 'application/json',
      ...outHeaders,
      'content-length': String(payload.length),
    });
    res.end(payload);
    return status;
  }
}
