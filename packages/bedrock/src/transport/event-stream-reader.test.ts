import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventStreamSplitter } from './event-stream-reader.js';

const codec = new EventStreamCodec(toUtf8, fromUtf8);
const frame = (type: string, payload: string, messageType = 'event') =>
  codec.encode({
    headers: {
      ':message-type': { type: 'string', value: messageType },
      [messageType === 'exception' ? ':exception-type' : ':event-type']: { type: 'string', value: type },
    },
    body: new TextEncoder().encode(payload),
  });

function cut(bytes: Uint8Array, points: number[]): Uint8Array[] {
  const sorted = [...new Set(points.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let last = 0;
  for (const p of sorted) {
    out.push(bytes.subarray(last, p));
    last = p;
  }
  out.push(bytes.subarray(last));
  return out;
}

describe('EventStreamSplitter', () => {
  it('decodes frames however the bytes are chunked', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('contentBlockDelta', 'messageStop', 'chunk'), fc.string()), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.array(fc.nat(), { maxLength: 12 }),
        (events, points) => {
          const bytes = Buffer.concat(events.map(([type, payload]) => frame(type, payload)));
          const splitter = new EventStreamSplitter();
          const out = cut(bytes, points).flatMap((chunk) => splitter.push(chunk));
          expect(out.map((m) => [m.type, new TextDecoder().decode(m.payload)])).toEqual(events);
          expect(splitter.pending).toBe(0);
        },
      ),
    );
  });

  it('reports exception frames by their exception type', () => {
    const [message] = new EventStreamSplitter().push(
      frame('throttlingException', '{"message":"slow down"}', 'exception'),
    );
    expect(message).toMatchObject({ messageType: 'exception', type: 'throttlingException' });
  });

  it('rejects a frame whose CRC is wrong', () => {
    const bytes = Uint8Array.from(frame('messageStop', '{}'));
    bytes[bytes.length - 1] ^= 0xff;
    expect(() => new EventStreamSplitter().push(bytes)).toThrow(/checksum/i);
  });

  it('keeps a partial frame pending', () => {
    const bytes = frame('messageStop', '{"stopReason":"end_turn"}');
    const splitter = new EventStreamSplitter();
    expect(splitter.push(bytes.subarray(0, 10))).toEqual([]);
    expect(splitter.pending).toBe(10);
  });
});

describe('the frame decoder against @smithy/eventstream-codec', () => {
  it('reads every header type and payload the reference encoder writes', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.uint8Array({ maxLength: 200 }),
        fc.integer({ min: -32768, max: 32767 }),
        fc.boolean(),
        (eventType, payload, short, flag) => {
          const bytes = codec.encode({
            headers: {
              ':message-type': { type: 'string', value: 'event' },
              ':event-type': { type: 'string', value: eventType },
              flag: { type: 'boolean', value: flag },
              n: { type: 'short', value: short },
              big: { type: 'long', value: { bytes: new Uint8Array(8) } as never },
              blob: { type: 'binary', value: new Uint8Array([1, 2, 3]) },
              when: { type: 'timestamp', value: new Date(0) },
              id: { type: 'uuid', value: '123e4567-e89b-12d3-a456-426614174000' },
            },
            body: payload,
          });
          const [message] = new EventStreamSplitter().push(bytes);
          expect(message?.type).toBe(eventType);
          expect(new Uint8Array(message?.payload ?? [])).toEqual(payload);
        },
      ),
    );
  });
});
