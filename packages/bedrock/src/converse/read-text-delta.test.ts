import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readTextDelta } from './read-text-delta.js';

const bytes = (value: unknown) => Buffer.from(JSON.stringify(value));
const parsed = (payload: Buffer) => {
  const { p: _padding, ...rest } = JSON.parse(payload.toString('utf8')) as Record<string, unknown>;
  return rest;
};

describe('readTextDelta', () => {
  it('reads what JSON.parse reads, for any text, index and padding', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 100_000 }),
        fc.string({ unit: 'grapheme' }),
        fc.option(fc.stringMatching(/^[a-zA-Z0-9]{0,40}$/), { nil: undefined }),
        (index, text, padding) => {
          const payload = bytes({
            contentBlockIndex: index,
            delta: { text },
            ...(padding === undefined ? {} : { p: padding }),
          });
          const fast = readTextDelta(payload);
          // JSON.stringify escapes quotes, backslashes and control characters: those take the slow path.
          if (/["\\]/.test(text) || [...text].some((c) => c < ' ')) expect(fast).toBeUndefined();
          else expect(fast).toEqual(parsed(payload));
        },
      ),
    );
  });

  it('leaves every other shape to JSON.parse', () => {
    for (const other of [
      { delta: { text: 'member order differs' }, contentBlockIndex: 0 },
      { contentBlockIndex: 0, delta: { toolUse: { input: '{"a"' } } },
      { contentBlockIndex: 0, delta: { text: 'extra member' }, q: 1 },
      { contentBlockIndex: 0, delta: { text: 'two members', citation: {} } },
      { contentBlockIndex: -1, delta: { text: 'negative' } },
      { contentBlockIndex: 1.5, delta: { text: 'fraction' } },
    ]) {
      expect(readTextDelta(bytes(other)), JSON.stringify(other)).toBeUndefined();
    }
    expect(readTextDelta(Buffer.from('{"contentBlockIndex":01,"delta":{"text":"x"}}'))).toBeUndefined();
    expect(readTextDelta(Buffer.from('{"contentBlockIndex":0,"delta":{"text":"cut'))).toBeUndefined();
    expect(
      readTextDelta(Buffer.from('{"contentBlockIndex":0,"delta":{"text":"x"},"p":"a"b"}')),
    ).toBeUndefined();
  });

  it('agrees with JSON.parse on every text delta of the captured Bedrock streams', () => {
    // The captures hold each event as the AWS SDK parsed it, members in the order they came on the wire.
    const dir = new URL('../../../emulator/fixtures/bedrock/vercel-ai/', import.meta.url);
    let fast = 0;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.chunks.txt'))) {
      for (const line of readFileSync(new URL(file, dir), 'utf8').split('\n')) {
        if (!line.includes('"contentBlockDelta"')) continue;
        const payload = bytes((JSON.parse(line) as { contentBlockDelta: unknown }).contentBlockDelta);
        const read = readTextDelta(payload);
        if (read === undefined) continue;
        expect(read).toEqual(parsed(payload));
        fast++;
      }
    }
    expect(fast).toBeGreaterThan(20);
  });
});
