import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BinarySource, ContentBlock, Message, ToolResultContent } from '../types/content.js';
import type { DecoderNote } from './decoded.js';
import { fromConverseMessage } from './from-converse.js';
import { message } from './test-support/arbitraries.js';
import { modelInfo } from './test-support/model-info.js';
import { toConverse } from './to-converse.js';

/** Decoding keeps inline bytes as base64, so the expected message has every inline source in that form. */
const asWire = (source: BinarySource): BinarySource =>
  source.type === 'bytes' ? { type: 'base64', data: Buffer.from(source.data).toString('base64') } : source;

function expected(block: ContentBlock): ContentBlock {
  const item = (c: ToolResultContent): ToolResultContent =>
    c.type === 'image' || c.type === 'document' ? { ...c, source: asWire(c.source) } : c;
  switch (block.type) {
    case 'image':
    case 'document':
      return { ...block, source: asWire(block.source) };
    case 'tool-result':
      return { ...block, content: block.content.map(item) };
    default:
      return block;
  }
}

describe('Converse round trip', () => {
  it('decodes every encoded message back to itself, through JSON', () => {
    fc.assert(
      fc.property(fc.array(message, { minLength: 1, maxLength: 4 }), (messages) => {
        const body = toConverse({ model: 'm', messages }, modelInfo('anthropic-messages'));
        const wire = JSON.parse(JSON.stringify(body)) as { messages: unknown[] };
        const notes: DecoderNote[] = [];
        const decoded = wire.messages.map((m) => fromConverseMessage(m, notes));
        const want: Message[] = messages.map((m) => ({ role: m.role, content: m.content.map(expected) }));
        expect(decoded).toEqual(want);
        expect(notes).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
