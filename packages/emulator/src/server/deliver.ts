import { EmulatorError } from '../errors/emulator-error.js';
import { streamException } from '../faults/fault.js';
import type { RuntimeResult } from '../runtime/handlers.js';
import {
  resetExchange,
  type ServerRequest,
  type ServerResponse,
  writeChunk,
  writeError,
} from './exchange.js';
import { closeAwareWait, writeStream } from './stream-writer.js';

/** Sends a handler's result, shaped by its delivery fault. */
export async function deliver(
  req: ServerRequest,
  res: ServerResponse,
  result: RuntimeResult,
  requestId: string,
  streamDelayMs: number,
): Promise<number> {
  const headers = { ...result.headers, 'x-amzn-requestid': requestId };
  const fault = result.fault;
  if (result.kind === 'stream') {
    await writeStream(req, res, {
      frames: result.frames,
      headers,
      delayMs: streamDelayMs,
      ...(fault ? { fault } : {}),
    });
    return 200;
  }
  switch (fault?.kind) {
    case 'latency':
    case 'stall':
    case 'stall-mid-stream':
      if (!(await closeAwareWait(res)(fault.ms))) return 499;
      break;
    case 'reset':
      // With `after`, the reply is cut mid-body: headers and half the body sent, then the reset.
      if (fault.after !== undefined) {
        const body = Buffer.from(JSON.stringify(result.body));
        res.writeHead(200, {
          ...headers,
          'content-type': 'application/json',
          'content-length': String(body.length),
        });
        writeChunk(res, body.subarray(0, body.length >> 1), () => resetExchange(req, res));
      } else {
        resetExchange(req, res);
      }
      return 0;
    case 'stream-exception': {
      // Without a stream to break, the same failure arrives as the HTTP error of that exception.
      const info = streamException(fault.exception);
      if (info) {
        writeError(res, new EmulatorError(info.status, info.type, info.message), requestId);
        return info.status;
      }
      break;
    }
  }
  // A string body lets Node send headers and body in one write instead of a writev of two buffers.
  const body = JSON.stringify(result.body);
  res.writeHead(200, {
    ...headers,
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
  });
  res.end(body);
  return 200;
}
