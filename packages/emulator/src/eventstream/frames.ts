import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';

/** One codec for the process: it is stateless for encoding and CRC-checks every frame it writes. */
const codec = new EventStreamCodec(toUtf8, fromUtf8);

const encoder = new TextEncoder();

/** A `:message-type = event` frame whose payload is the member's JSON, as ConverseStream sends. */
export function eventFrame(eventType: string, payload: unknown): Uint8Array {
  return codec.encode({
    headers: {
      ':event-type': { type: 'string', value: eventType },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: 'event' },
    },
    body: encoder.encode(JSON.stringify(payload)),
  });
}

/**
 * A `:message-type = exception` frame: how Bedrock reports an error after the stream has started.
 * `exceptionType` is the event-stream member name, e.g. `modelStreamErrorException`.
 */
export function exceptionFrame(exceptionType: string, payload: Record<string, unknown>): Uint8Array {
  return codec.encode({
    headers: {
      ':exception-type': { type: 'string', value: exceptionType },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: 'exception' },
    },
    body: encoder.encode(JSON.stringify(payload)),
  });
}

/** An InvokeModelWithResponseStream `chunk` event: the native chunk JSON, base64 in `bytes`. */
export function chunkFrame(nativeChunk: unknown): Uint8Array {
  const bytes = Buffer.from(JSON.stringify(nativeChunk)).toString('base64');
  return eventFrame('chunk', { bytes });
}

/** Flips a byte of the message CRC so a client's decoder must reject the frame. */
export function corruptFrame(frame: Uint8Array): Uint8Array {
  const copy = Uint8Array.from(frame);
  const last = copy.length - 1;
  copy[last] = (copy[last] ?? 0) ^ 0xff;
  return copy;
}

/** Decodes one whole frame; for tests and for record mode, which stores decoded events. */
export function decodeFrame(frame: Uint8Array): {
  headers: Record<string, string>;
  payload: Uint8Array;
} {
  const message = codec.decode(frame);
  const headers: Record<string, string> = {};
  for (const [name, header] of Object.entries(message.headers)) headers[name] = String(header.value);
  return { headers, payload: message.body };
}

/** Splits a byte buffer into whole frames by their length prelude; returns frames and the rest. */
export function splitFrames(buffer: Uint8Array): { frames: Uint8Array[]; rest: Uint8Array } {
  const frames: Uint8Array[] = [];
  let offset = 0;
  while (buffer.length - offset >= 4) {
    const view = new DataView(buffer.buffer, buffer.byteOffset + offset, 4);
    const total = view.getUint32(0);
    if (buffer.length - offset < total) break;
    frames.push(buffer.subarray(offset, offset + total));
    offset += total;
  }
  return { frames, rest: buffer.subarray(offset) };
}
