import { describe, expect, it } from 'vitest';
import type { Message } from '../types/content.js';
import {
  assistant,
  cachePoint,
  chat,
  codes,
  mistral,
  repair,
  strictError,
  text,
  user,
} from './test-support/fixtures.js';

const reasoning = { type: 'reasoning' as const, text: 'thinking', signature: 'sig' };

describe('cache points', () => {
  it('keeps the last four of six cache points and reports the earliest two', () => {
    const messages: Message[] = [
      user(text('1'), cachePoint),
      assistant(text('2'), cachePoint),
      user(text('3'), cachePoint),
      assistant(text('4'), cachePoint),
      user(text('5'), cachePoint),
    ];
    const { request, diagnostics } = repair(
      chat(messages, { system: [text('sys'), { type: 'cache-point' }] }),
    );
    expect(request.system).toEqual([text('sys')]);
    expect(request.messages[0]).toEqual(user(text('1')));
    expect(request.messages.slice(1)).toEqual(messages.slice(1));
    expect(diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['too-many-cache-points', 'system.1'],
      ['too-many-cache-points', 'messages.0.content.1'],
    ]);
  });

  it('strict mode reports too many cache points', () => {
    const messages = [
      user(text('1'), cachePoint, text('2'), cachePoint, text('3'), cachePoint, text('4'), cachePoint),
    ];
    const error = strictError(chat(messages, { system: [text('sys'), { type: 'cache-point' }] }));
    expect(error.path).toBe('system.1');
    expect(error.message).toMatch(/at most 4/);
  });

  it('removes a cache point that marks nothing', () => {
    const { request, diagnostics } = repair(
      chat([
        user(cachePoint, text('q'), cachePoint, cachePoint),
        assistant(reasoning, cachePoint, text('a')),
        user(text('b')),
      ]),
    );
    expect(request.messages[0]).toEqual(user(text('q'), cachePoint));
    expect(request.messages[1]).toEqual(assistant(reasoning, text('a')));
    expect(diagnostics.map((d) => d.path)).toEqual([
      'messages.0.content.0',
      'messages.0.content.3',
      'messages.1.content.1',
    ]);
    expect(new Set(codes(diagnostics))).toEqual(new Set(['cache-point-misplaced']));
  });

  it('removes a message that held nothing but a cache point', () => {
    const { request, diagnostics } = repair(chat([user(text('q')), assistant(cachePoint)]));
    expect(request.messages).toEqual([user(text('q'))]);
    expect(codes(diagnostics)).toEqual(['cache-point-misplaced', 'empty-message-removed']);
  });

  it('removes every cache point on a model without prompt caching', () => {
    const { request, diagnostics } = repair(
      chat([user(text('q'), cachePoint)], { system: [text('sys'), { type: 'cache-point' }] }),
      mistral,
    );
    expect(request.messages[0]).toEqual(user(text('q')));
    expect(request.system).toEqual([text('sys')]);
    expect(codes(diagnostics)).toEqual(['cache-points-unsupported', 'cache-points-unsupported']);
  });

  it('strict mode reports a cache point the model does not take', () => {
    expect(strictError(chat([user(text('q'), cachePoint)]), mistral).path).toBe('messages.0.content.1');
  });
});
