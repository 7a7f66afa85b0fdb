import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_CACHE_POINTS } from '../preflight/cache-points.js';
import { preflight } from '../preflight/preflight.js';
import { requestFor } from '../preflight/test-support/arbitraries.js';
import {
  assistant,
  cachePoint,
  chat,
  claude,
  deepFreeze,
  mistral,
  text,
  user,
  variant,
} from '../preflight/test-support/fixtures.js';
import type { Message } from '../types/content.js';
import type { ChatRequest } from '../types/request.js';
import { planCachePoints } from './plan-cache-points.js';

/** Text of about `tokens` tokens under the default estimate (four characters a token). */
const long = (tokens: number) => 'word'.repeat(tokens);

const countPoints = (request: ChatRequest): number =>
  (Array.isArray(request.system) ? request.system.filter((b) => b.type === 'cache-point').length : 0) +
  request.messages.reduce((sum, m) => sum + m.content.filter((b) => b.type === 'cache-point').length, 0);

/** user, assistant, user, … with `turns` exchanges of `tokens` tokens each, ending with a user question. */
function conversation(turns: number, tokens: number): Message[] {
  const messages: Message[] = [];
  for (let i = 0; i < turns; i++) messages.push(user(text(long(tokens))), assistant(text(long(tokens))));
  return [...messages, user(text('And now?'))];
}

describe('planCachePoints', () => {
  it('leaves a model without prompt caching alone', () => {
    const request = chat(conversation(4, 2000), { system: long(3000) });
    expect(planCachePoints(request, mistral)).toEqual({ request, placed: [] });
  });

  it('places nothing in a short prompt', () => {
    const request = chat([user(text('hi')), assistant(text('hello')), user(text('how are you?'))], {
      system: 'Be kind.',
    });
    const planned = planCachePoints(request, claude);
    expect(planned.placed).toEqual([]);
    expect(planned.request).toBe(request);
  });

  it('caches a long system prompt with one point after it', () => {
    const request = deepFreeze(chat([user(text('question'))], { system: long(1500) }));
    const { request: planned, placed } = planCachePoints(request, claude);
    expect(placed).toEqual([{ path: 'system.1', prefixTokens: 1500 }]);
    expect(planned.system).toEqual([text(long(1500)), { type: 'cache-point' }]);
    expect(planned.messages).toBe(request.messages);
  });

  it('counts the tools into the prefix the system point closes', () => {
    const tool = { name: 'lookup', description: long(1100), inputSchema: { type: 'object' } };
    const { placed } = planCachePoints(chat([user(text('q'))], { system: 'Short.', tools: [tool] }), claude);
    expect(placed).toHaveLength(1);
    expect(placed[0]?.path).toBe('system.1');
    expect(placed[0]?.prefixTokens).toBeGreaterThan(1024);
  });

  it('caches a long history at the last two assistant replies and the system prompt', () => {
    const request = deepFreeze(chat(conversation(3, 1200), { system: long(1100) }));
    const { request: planned, placed } = planCachePoints(request, claude);
    expect(placed).toEqual([
      { path: 'system.1', prefixTokens: 1100 },
      { path: 'messages.3.content.1', prefixTokens: 1100 + 4 * 1200 },
      { path: 'messages.5.content.1', prefixTokens: 1100 + 6 * 1200 },
    ]);
    expect(planned.messages[3]?.content.at(-1)).toEqual(cachePoint);
    expect(planned.messages[5]?.content.at(-1)).toEqual(cachePoint);
    expect(preflight(planned, claude, 'repair').diagnostics).toEqual([]);
  });

  it('skips a point whose stretch since the previous one is under the minimum', () => {
    const messages = [
      user(text(long(2000))),
      assistant(text('ok')),
      user(text('more')),
      assistant(text('ok')),
      user(text('?')),
    ];
    const { placed } = planCachePoints(chat(messages), claude);
    expect(placed.map((p) => p.path)).toEqual(['messages.3.content.1']);
  });

  it("uses the model's minimum", () => {
    const haiku = variant({ minCacheTokens: 2048 });
    expect(planCachePoints(chat([user(text('q'))], { system: long(1500) }), haiku).placed).toEqual([]);
  });

  it("counts the caller's own points and never goes past four", () => {
    const messages = conversation(3, 1200);
    messages[0] = user(text(long(1200)), cachePoint, text(long(1200)), cachePoint);
    messages[2] = user(text(long(1200)), cachePoint);
    const { request, placed } = planCachePoints(chat(messages, { system: long(1100) }), claude);
    expect(placed.map((p) => p.path)).toEqual(['messages.5.content.1']);
    expect(countPoints(request)).toBe(MAX_CACHE_POINTS);
  });

  it('does not close a reply that ends in reasoning', () => {
    const messages = conversation(1, 2000);
    messages[1] = assistant(text(long(2000)), { type: 'reasoning', text: 'hmm', signature: 'sig' });
    expect(planCachePoints(chat(messages), claude).placed).toEqual([]);
  });

  it('takes the token estimate it is given', () => {
    const request = chat([user(text('q'))], { system: 'short but dense' });
    expect(planCachePoints(request, claude, () => 5000).placed).toEqual([
      { path: 'system.1', prefixTokens: 5000 },
    ]);
  });

  it('never exceeds four points and keeps any settled request valid', () => {
    fc.assert(
      fc.property(requestFor(claude), fc.integer({ min: 1, max: 400 }), (input, ratio) => {
        let settled: ChatRequest;
        try {
          settled = preflight(input, claude, 'repair').request;
        } catch {
          return; // refused by preflight (oversized image); nothing to plan
        }
        const { request, placed } = planCachePoints(deepFreeze(settled), claude, (t) => t.length * ratio);
        expect(countPoints(request)).toBeLessThanOrEqual(MAX_CACHE_POINTS);
        expect(countPoints(request)).toBe(countPoints(settled) + placed.length);
        expect(preflight(request, claude, 'repair').diagnostics).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
