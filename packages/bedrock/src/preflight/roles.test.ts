import { describe, expect, it } from 'vitest';
import { assistant, chat, codes, repair, strictError, text, user } from './test-support/fixtures.js';

describe('roles', () => {
  it('rejects a request without messages, even in repair mode', () => {
    expect(() => repair(chat([]))).toThrow(/has no messages/);
    expect(strictError(chat([])).path).toBe('messages');
  });

  it('drops an empty message in the middle and merges the neighbours it leaves side by side', () => {
    const { request, diagnostics } = repair(chat([user(text('a')), assistant(), user(text('b'))]));
    expect(request.messages).toEqual([user(text('a'), text('b'))]);
    expect(diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['empty-message-removed', 'messages.1'],
      ['consecutive-roles-merged', 'messages.1'],
    ]);
  });

  it('gives an emptied final user message a placeholder instead of turning the reply into a prefill', () => {
    const { request, diagnostics } = repair(chat([user(text('a')), assistant(text('b')), user(text(' '))]));
    expect(request.messages.at(-1)).toEqual(user(text('(empty)')));
    expect(codes(diagnostics)).toEqual(['blank-text-removed', 'empty-message-filled']);
  });

  it('strict mode reports an empty message', () => {
    expect(strictError(chat([user(text('a')), assistant(), user(text('b'))])).path).toBe('messages.1');
  });

  it('merges consecutive messages of one role in order', () => {
    const { request, diagnostics } = repair(
      chat([user(text('one')), user(text('two')), assistant(text('ok'))]),
    );
    expect(request.messages).toEqual([user(text('one'), text('two')), assistant(text('ok'))]);
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'consecutive-roles-merged', path: 'messages.1' }),
    ]);
  });

  it('strict mode reports consecutive roles', () => {
    const error = strictError(chat([user(text('one')), user(text('two'))]));
    expect(error.path).toBe('messages.1');
    expect(error.message).toMatch(/alternate/);
  });

  it('puts a placeholder user message before a leading assistant message', () => {
    const { request, diagnostics } = repair(chat([assistant(text('summary so far')), user(text('go on'))]));
    expect(request.messages).toEqual([
      user(text('(empty)')),
      assistant(text('summary so far')),
      user(text('go on')),
    ]);
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'first-message-not-user', path: 'messages.0' }),
    ]);
  });

  it('strict mode reports a leading assistant message', () => {
    expect(strictError(chat([assistant(text('hi')), user(text('q'))])).message).toMatch(
      /start with a user message/,
    );
  });
});
