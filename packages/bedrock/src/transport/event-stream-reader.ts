import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';

const codec = new EventStreamCodec(toUtf8, fromUtf8);

export interface StreamMessage {
  messageType: string;
  /** `:event-type` for events, `:exception-type` for exceptions. */
  type: string;
  payload: Uint8Array;
}

/**
 * Splits `application/vnd.amazon.eventstream` bytes into frames as they arrive and decodes each with
 * `@smithy/eventstream-codec` (CRC-checked: a corrupt frame throws). Chunks are kept as a list and only
 * the bytes of a frame that straddles chunks are copied, so a long stream is never re-copied whole.
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

function decode(frame: Uint8Array): StreamMessage {
  const message = codec.decode(frame);
  const header = (name: string): string => {
    const value = message.headers[name]?.value;
    return typeof value === 'string' ? value : '';
  };
  const messageType = header(':message-type') || 'event';
  const type =
    messageType === 'exception'
      ? header(':exception-type')
      : messageType === 'error'
        ? header(':error-code')
        : header(':event-type');
  return { messageType, type, payload: message.body };
}
