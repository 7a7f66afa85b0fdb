import { crc32 } from 'node:zlib';

export interface StreamMessage {
  messageType: string;
  /** `:event-type` for events, `:exception-type` for exceptions. */
  type: string;
  payload: Buffer;
}

/**
 * Splits `application/vnd.amazon.eventstream` bytes into frames as they arrive and decodes each, both
 * CRCs checked (a corrupt frame throws). Chunks are kept as a list and only the bytes of a frame that
 * straddles chunks are copied, so a long stream is never re-copied whole.
 */
export class EventStreamSplitter {
  private chunks: Uint8Array[] = [];
  private buffered = 0;

  push(chunk: Uint8Array): StreamMessage[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const out: StreamMessage[] = [];
    for (;;) {
      if (this.buffered < 4) return out;
      const length = this.peekLength();
      if (this.buffered < length) return out;
      out.push(decode(this.take(length)));
    }
  }

  /** Bytes received but not yet a whole frame (a stream that ends with some is truncated). */
  get pending(): number {
    return this.buffered;
  }

  private peekLength(): number {
    const first = this.chunks[0] as Uint8Array;
    if (first.length >= 4) return new DataView(first.buffer, first.byteOffset, 4).getUint32(0);
    const head = this.copy(4);
    return new DataView(head.buffer).getUint32(0);
  }

  /** Copies the first `n` buffered bytes without consuming them. */
  private copy(n: number): Uint8Array {
    const out = new Uint8Array(n);
    let offset = 0;
    for (const chunk of this.chunks) {
      const part = chunk.subarray(0, n - offset);
      out.set(part, offset);
      offset += part.length;
      if (offset === n) break;
    }
    return out;
  }

  private take(n: number): Uint8Array {
    const first = this.chunks[0] as Uint8Array;
    let frame: Uint8Array;
    if (first.length >= n) {
      frame = first.subarray(0, n);
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
    } else {
      frame = this.copy(n);
      let left = n;
      while (left > 0) {
        const chunk = this.chunks[0] as Uint8Array;
        if (chunk.length <= left) {
          left -= chunk.length;
          this.chunks.shift();
        } else {
          this.chunks[0] = chunk.subarray(left);
          left = 0;
        }
      }
    }
    this.buffered -= n;
    return frame;
  }
}

const HEADER_VALUE_SIZES: Record<number, number> = { 0: 0, 1: 0, 2: 1, 3: 2, 4: 4, 5: 8, 8: 8, 9: 16 };

/**
 * Decodes one frame: `[total u32][headers length u32][prelude CRC u32][headers][payload][message CRC u32]`.
 * Written here rather than with @smithy/eventstream-codec because this is the stream hot path: the
 * generic codec materialises every header as an object and checks CRCs in JS, which cost more than
 * the rest of a stream's decoding put together (bench/README.md). CRCs use zlib's native crc32; the
 * tests check this decoder against @smithy/eventstream-codec's encoder on random frames.
 */
function decode(frame: Uint8Array): StreamMessage {
  const bytes = Buffer.isBuffer(frame)
    ? frame
    : Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
  if (bytes.length < 16)
    throw new Error(`Malformed event-stream frame: ${bytes.length} bytes is shorter than a prelude.`);
  const total = bytes.readUInt32BE(0);
  const headersLength = bytes.readUInt32BE(4);
  if (crc32(bytes.subarray(0, 8)) !== bytes.readUInt32BE(8))
    throw new Error('Checksum mismatch in the event-stream frame prelude.');
  if (crc32(bytes.subarray(0, total - 4)) !== bytes.readUInt32BE(total - 4))
    throw new Error('Checksum mismatch in the event-stream frame.');
  let messageType = 'event';
  let eventType = '';
  let exceptionType = '';
  let errorCode = '';
  let at = 12;
  const end = 12 + headersLength;
  while (at < end) {
    const nameLength = bytes[at] as number;
    const name = bytes.toString('latin1', at + 1, at + 1 + nameLength);
    at += 1 + nameLength;
    const type = bytes[at] as number;
    at += 1;
    if (type === 7 || type === 6) {
      const length = bytes.readUInt16BE(at);
      if (type === 7) {
        const value = bytes.toString('utf8', at + 2, at + 2 + length);
        if (name === ':message-type') messageType = value;
        else if (name === ':event-type') eventType = value;
        else if (name === ':exception-type') exceptionType = value;
        else if (name === ':error-code') errorCode = value;
      }
      at += 2 + length;
    } else {
      const size = HEADER_VALUE_SIZES[type];
      if (size === undefined) throw new Error(`Malformed event-stream frame: unknown header type ${type}.`);
      at += size;
    }
  }
  const type = messageType === 'exception' ? exceptionType : messageType === 'error' ? errorCode : eventType;
  return { messageType, type, payload: bytes.subarray(end, total - 4) };
}
