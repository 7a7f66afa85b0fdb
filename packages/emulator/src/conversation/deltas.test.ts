import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitIntoDeltas } from './deltas.js';

describe('splitIntoDeltas', () => {
  it('splits into several deltas that concatenate back to the text', () => {
    const deltas = splitIntoDeltas('one two three four five six seven', 2);
    expect(deltas.length).toBe(4);
    expect(deltas.join('')).toBe('one two three four five six seven');
  });

  it('round-trips any text', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 5 }), (text, n) => {
        expect(splitIntoDeltas(text, n).join('')).toBe(text);
      }),
    );
  });
});
