import { describe, expect, it } from 'vitest';
import {
  assistant,
  cachePoint,
  chat,
  codes,
  lookupTool,
  mistral,
  repair,
  strictError,
  text,
  toolResult,
  toolUse,
  user,
} from './test-support/fixtures.js';

const tools = [lookupTool];

describe('tool pairing', () => {
  it('answers a tool call left without a result with an error result', () => {
    const { request, diagnostics } = repair(
      chat([user(text('q')), assistant(toolUse('a'), toolUse('b')), user(toolResult('a'))], { tools }),
    );
    expect(request.messages[2]?.content).toEqual([
      { type: 'tool-result', toolUseId: 'b', content: [text('Tool result missing')], status: 'error' },
      toolResult('a'),
    ]);
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'tool-result-missing', path: 'messages.1.content.1' }),
    ]);
  });

  it('adds the missing results in a new user turn when the conversation ends with the calls', () => {
    const { request } = repair(chat([user(text('q')), assistant(text('calling'), toolUse('a'))], { tools }));
    expect(request.messages[2]).toEqual(
      user({ type: 'tool-result', toolUseId: 'a', content: [text('Tool result missing')], status: 'error' }),
    );
  });

  it('leaves out the error status on models that do not take it', () => {
    const { request } = repair(
      chat([user(text('q')), assistant(toolUse('a')), user(text('next'))], { tools }),
      mistral,
    );
    expect(request.messages[2]?.content[0]).toEqual({
      type: 'tool-result',
      toolUseId: 'a',
      content: [text('Tool result missing')],
    });
  });

  it('strict mode names the unanswered call', () => {
    const error = strictError(
      chat([user(text('q')), assistant(toolUse('a')), user(text('next'))], { tools }),
    );
    expect(error.path).toBe('messages.1.content.0');
    expect(error.message).toMatch(/a \(lookup\) has no result/);
  });

  it('turns a result that answers no call into text, keeping what the tool said', () => {
    const { request, diagnostics } = repair(
      chat([user(text('q')), assistant(text('hi')), user(toolResult('ghost', 'sunny'), text('and?'))], {
        tools,
      }),
    );
    expect(request.messages[2]).toEqual(user(text('[Tool result for id ghost]\nsunny'), text('and?')));
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'orphan-tool-result', path: 'messages.2.content.0' }),
    ]);
  });

  it('treats a result for a call two turns back as an orphan', () => {
    const messages = [
      user(text('q')),
      assistant(toolUse('a')),
      user(toolResult('a')),
      assistant(text('done')),
      user(toolResult('a')),
    ];
    expect(codes(repair(chat(messages, { tools })).diagnostics)).toEqual(['orphan-tool-result']);
  });

  it('turns a second result for the same call into text', () => {
    const { diagnostics } = repair(
      chat([user(text('q')), assistant(toolUse('a')), user(toolResult('a'), toolResult('a'))], { tools }),
    );
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'duplicate-tool-result', path: 'messages.2.content.1' }),
    ]);
  });

  it('strict mode names an orphan result', () => {
    expect(strictError(chat([user(toolResult('ghost'))], { tools })).path).toBe('messages.0.content.0');
  });

  it('renames a repeated call id and pairs the results with the calls in order', () => {
    const { request, diagnostics } = repair(
      chat(
        [
          user(text('q')),
          assistant(toolUse('a', 'lookup', { q: 1 }), toolUse('a', 'lookup', { q: 2 })),
          user(toolResult('a', 'one'), toolResult('a', 'two')),
        ],
        { tools },
      ),
    );
    expect(request.messages[1]?.content).toEqual([
      toolUse('a', 'lookup', { q: 1 }),
      toolUse('a_2', 'lookup', { q: 2 }),
    ]);
    expect(request.messages[2]?.content).toEqual([toolResult('a', 'one'), toolResult('a_2', 'two')]);
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'duplicate-tool-use-id', path: 'messages.1.content.1' }),
    ]);
  });

  it('renames an id reused in a later turn without touching the earlier pair', () => {
    const { request } = repair(
      chat(
        [
          user(text('q')),
          assistant(toolUse('a')),
          user(toolResult('a')),
          assistant(toolUse('a')),
          user(toolResult('a', 'later')),
        ],
        { tools },
      ),
    );
    expect(request.messages[2]?.content).toEqual([toolResult('a')]);
    expect(request.messages[3]?.content).toEqual([toolUse('a_2', 'lookup', { q: 'a' })]);
    expect(request.messages[4]?.content).toEqual([toolResult('a_2', 'later')]);
  });

  it('strict mode names the duplicate call', () => {
    const error = strictError(
      chat([user(text('q')), assistant(toolUse('a'), toolUse('a')), user(toolResult('a'), toolResult('a'))], {
        tools,
      }),
    );
    expect(error.path).toBe('messages.1.content.1');
  });

  it('turns a tool call in a user turn and a result in an assistant turn into text', () => {
    const { request, diagnostics } = repair(
      chat([user(text('q'), toolUse('x')), assistant(toolResult('y', 'r'), text('ok')), user(text('next'))], {
        tools,
      }),
    );
    expect(request.messages[0]?.content[1]).toEqual(text('[Tool call lookup (id x) with input {"q":"x"}]'));
    expect(request.messages[1]?.content[0]).toEqual(text('[Tool result for id y]\nr'));
    expect(codes(diagnostics)).toEqual(['tool-use-in-user-turn', 'tool-result-in-assistant-turn']);
  });

  it('moves tool results before other content', () => {
    const { request, diagnostics } = repair(
      chat([user(text('q')), assistant(toolUse('a')), user(text('also this'), toolResult('a'))], { tools }),
    );
    expect(request.messages[2]?.content).toEqual([toolResult('a'), text('also this')]);
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'tool-results-reordered', path: 'messages.2.content' }),
    ]);
  });

  it('moves cache points along with the block they mark', () => {
    const { request } = repair(
      chat(
        [
          user(text('q')),
          assistant(toolUse('a')),
          user(text('note'), cachePoint, toolResult('a'), cachePoint),
        ],
        {
          tools,
        },
      ),
    );
    expect(request.messages[2]?.content).toEqual([toolResult('a'), cachePoint, text('note'), cachePoint]);
  });
});
