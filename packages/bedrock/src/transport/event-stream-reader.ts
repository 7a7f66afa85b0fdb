import { crc32 } from 'node:zlib';

export interface StreamMessage {
  messageType: string;
  /** `:event-type` for events, `:exception-type` for exceptions. */
  type: string;
  payload: Buffer;
}

/**
 * Splits `application/vnd.amazon.eventstream` bytes into frames as they arrive and decodes each, both
 * CRCs checked (a corrupt frame throws). Frames are decoded in place in the chunk that holds them; a frame
 * that straddles chunks is joined with what follows it once, so a long stream is never re-copied whole.
 */
export class EventStreamSplitter {
  /** Bytes of an incomplete frame, kept until the rest arrives. */
  private chunks: Buffer[] = [];
  private buffered = 0;

  push(chunk: Uint8Array): StreamMessage[] {
    let bytes = Buffer.isBuffer(chunk)
      ? chunk
      : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const out: StreamMessage[] = [];
    if (this.buffered > 0) {
      // Complete the straddling frame first (and only copy when its length is known and reached).
      this.chunks.push(bytes);
      this.buffered += bytes.length;
      if (this.buffered < 4) return out;
      const head =
        this.chunks.length === 1 || (this.chunks[0] as Buffer).length >= 4 ? this.chunks[0] : this.join();
      const length = readU32(head as Buffer, 0);
      if (this.buffered < length) return out;
      bytes = this.join();
      this.chunks = [];
      this.buffered = 0;
    }
    let at = 0;
    while (bytes.length - at >= 4) {
      const length = readU32(bytes, at);
      if (bytes.length - at < length) break;
      out.push(decode(bytes, at, length));
      at += length;
    }
    if (at < bytes.length) {
      this.chunks.push(bytes.subarray(at));
      this.buffered = bytes.length - at;
    }
    return out;
  }

  /** Bytes received but not yet a whole frame (a stream that ends with some is truncated). */
  get pending(): number {
    return this.buffered;
  }

  private join(): Buffer {
    const joined = Buffer.concat(this.chunks, this.buffered);
    this.chunks = [joined];
    return joined;
  }
}

const readU32 = (b: Buffer, at: number): number =>
  (((b[at] as number) << 24) |
    ((b[at + 1] as number) << 16) |
    ((b[at + 2] as number) << 8) |
    (b[at + 3] as number)) >>>
  0;

const HEADER_VALUE_SIZES: Record<number, number> = { 0: 0, 1: 0, 2: 1, 3: 2, 4: 4, 5: 8, 8: 8, 9: 16 };

const MESSAGE_TYPE = Buffer.from(':message-type', 'latin1');
const EVENT_TYPE = Buffer.from(':event-type', 'latin1');
const EXCEPTION_TYPE = Buffer.from(':exception-type', 'latin1');
const ERROR_CODE = Buffer.from(':error-code', 'latin1');

/** The values nearly every frame carries, kept as strings so reading them allocates nothing. */
const COMMON_VALUES = ['event', 'contentBlockDelta', 'chunk'].map((value) => ({
  value,
  bytes: Buffer.from(value, 'latin1'),
}));

/** Whether the `length` bytes at `at` spell `name`, without making a string of them. */
function isName(bytes: Buffer, at: number, length: number, name: Buffer): boolean {
  if (length !== name.length) return false;
  for (let i = 0; i < length; i++) if (bytes[at + i] !== name[i]) return false;
  return true;
}

function stringValue(bytes: Buffer, from: number, length: number): string {
  for (const common of COMMON_VALUES) if (isName(bytes, from, length, common.bytes)) return common.value;
  return bytes.toString('utf8', from, from + length);
}

/**
 * Decodes the frame at `start`: `[total u32][headers length u32][prelude CRC u32][headers][payload]
 * [message CRC u32]`. Written here rather than with @smithy/eventstream-codec because this is the stream
 * hot path: the generic codec materialises every header as an object and checks CRCs in JS, which cost
 * more than the rest of a stream's decoding put together (bench/README.md). CRCs use zlib's native crc32,
 * the message CRC continuing from the prelude's; header names are compared as bytes, and only the values
 * read are made strings (the common ones not even that). The tests check this decoder against @smithy/eventstream-codec's encoder.
 */
function decode(bytes: Buffer, start: number, total: number): StreamMessage {
  if (total < 16) throw new Error(`Malformed event-stream frame: ${total} bytes is shorter than a prelude.`);
  const headersLength = readU32(bytes, start + 4);
  const prelude = crc32(bytes.subarray(start, start + 8));
  if (prelude !== readU32(bytes, start + 8))
    throw new Error('Checksum mismatch in the event-stream frame prelude.');
  const crcAt = start + total - 4;
  if (crc32(bytes.subarray(start + 8, crcAt), prelude) !== readU32(bytes, crcAt))
    throw new Error('Checksum mismatch in the event-stream frame.');
  let messageType = 'event';
  let eventType = '';
  let exceptionType = '';
  let errorCode = '';
  let at = start + 12;
  const end = at + headersLength;
  while (at < end) {
    const nameLength = bytes[at] as number;
    const nameAt = at + 1;
    at = nameAt + nameLength;
    const type = bytes[at] as number;
    at += 1;
    if (type === 7 || type === 6) {
      const length = ((bytes[at] as number) << 8) | (bytes[at + 1] as number);
      if (type === 7) {
        const from = at + 2;
        if (isName(bytes, nameAt, nameLength, EVENT_TYPE)) eventType = stringValue(bytes, from, length);
        else if (isName(bytes, nameAt, nameLength, MESSAGE_TYPE))
          messageType = stringValue(bytes, from, length);
        else if (isName(bytes, nameAt, nameLength, EXCEPTION_TYPE))
          exceptionType = bytes.toString('utf8', from, from + length);
        else if (isName(bytes, nameAt, nameLength, ERROR_CODE))
          errorCode = bytes.toString('utf8', from, from + length);
      }
      at += 2 + length;
    } else {
      const size = HEADER_VALUE_SIZES[type];
      if (size === undefined) throw new Error(`Malformed event-stream frame: unknown header type ${type}.`);
      at += size;
    }
  }
  const type = messageType === 'exception' ? exceptionType : messageType === 'error' ? errorCode : eventType;
  return { messageType, type, payload: bytes.subarray(end, crcAt) };
}
