import { describe, expect, it } from 'vitest';
import {
  assistant,
  cachePoint,
  chat,
  codes,
  lookupTool,
  repair,
  strictError,
  text,
  toolUse,
  user,
} from './test-support/fixtures.js';

describe('blank text', () => {
  it('removes a whitespace-only text block and reports its path', () => {
    const { request, diagnostics } = repair(chat([user(text('  \n\t'), text('hello'))]));
    expect(request.messages).toEqual([user(text('hello'))]);
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'blank-text-removed', path: 'messages.0.content.0' }),
    ]);
  });

  it('strict mode names the blank block', () => {
    const error = strictError(chat([user(text('hi')), assistant(text('')), user(text('again'))]));
    expect(error.path).toBe('messages.1.content.0');
    expect(error.message).toContain('Remove the block or give it text');
  });

  it('removes blank parts of a tool result and keeps a placeholder when none is left', () => {
    const result = { type: 'tool-result' as const, toolUseId: 't1', content: [text(' ')] };
    const { request, diagnostics } = repair(
      chat([user(text('go')), assistant(toolUse('t1')), user(result)], { tools: [lookupTool] }),
    );
    expect(request.messages[2]?.content[0]).toEqual({ ...result, content: [text('(empty)')] });
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'blank-text-removed', path: 'messages.2.content.0.content.0' }),
    ]);
  });

  it('drops a blank system prompt, string or blocks', () => {
    expect(codes(repair(chat([user(text('q'))], { system: '   ' })).diagnostics)).toEqual([
      'blank-system-removed',
    ]);
    const { request, diagnostics } = repair(
      chat([user(text('q'))], { system: [text(' '), { type: 'cache-point' }] }),
    );
    expect(request.system).toBeUndefined();
    expect(codes(diagnostics)).toEqual(['blank-text-removed', 'blank-system-removed']);
  });

  it('removes blank stop sequences', () => {
    const { request, diagnostics } = repair(chat([user(text('q'))], { stopSequences: ['END', ' '] }));
    expect(request.stopSequences).toEqual(['END']);
    expect(diagnostics[0]).toMatchObject({ code: 'blank-stop-sequence-removed', path: 'stopSequences.1' });
  });

  it('trims trailing whitespace from a prefilled final assistant message', () => {
    const { request, diagnostics } = repair(
      chat([user(text('JSON please')), assistant(text('{ '), cachePoint)]),
    );
    expect(request.messages[1]).toEqual(assistant(text('{'), cachePoint));
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'prefill-trailing-whitespace-trimmed', path: 'messages.1.content.0' }),
    ]);
  });

  it('leaves whitespace inside earlier assistant turns alone', () => {
    const request = chat([user(text('a')), assistant(text('b \n')), user(text('c'))]);
    expect(repair(request).diagnostics).toEqual([]);
  });
});
