import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HeadTail } from './head-tail.js';

describe('HeadTail', () => {
  it('keeps everything under the cap, and head + tail with the cut counted over it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 50 }), { maxLength: 40 }),
        fc.integer({ min: 2, max: 200 }),
        (chunks, cap) => {
          const collector = new HeadTail(cap);
          for (const chunk of chunks) collector.push(chunk);
          const whole = chunks.join('');
          const text = collector.text();
          if (whole.length <= cap) {
            expect(text).toBe(whole);
            return;
          }
          const head = Math.floor(cap / 2);
          const tail = cap - head;
          expect(text).toBe(
            `${whole.slice(0, head)}\n[… ${whole.length - cap} characters of output cut …]\n${whole.slice(-tail)}`,
          );
        },
      ),
    );
  });
});
