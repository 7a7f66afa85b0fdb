import { describe, expect, it } from 'vitest';
import type { ContentBlock } from '../types/content.js';
import {
  assistant,
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

const signed: ContentBlock = { type: 'reasoning', text: 'Let me look it up.', signature: 'EuMC…' };
const unsigned: ContentBlock = { type: 'reasoning', text: 'Lost its signature.' };
const redacted: ContentBlock = { type: 'redacted-reasoning', data: new Uint8Array([1, 2, 3]) };
const reasoning = { budgetTokens: 2048 };
const tools = [lookupTool];

describe('reasoning blocks', () => {
  it('drops a reasoning block without a signature', () => {
    const { request, diagnostics } = repair(
      chat([user(text('q')), assistant(unsigned, text('a')), user(text('b'))]),
    );
    expect(request.messages[1]).toEqual(assistant(text('a')));
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'reasoning-signature-missing', path: 'messages.1.content.0' }),
    ]);
  });

  it('strict mode reports a missing signature', () => {
    const error = strictError(chat([user(text('q')), assistant(unsigned, text('a')), user(text('b'))]));
    expect(error.path).toBe('messages.1.content.0');
    expect(error.message).toMatch(/signature/);
  });

  it('drops reasoning blocks from user turns', () => {
    const { diagnostics } = repair(chat([user(signed, text('q'))]));
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'reasoning-in-user-turn', path: 'messages.0.content.0' }),
    ]);
  });

  it('drops every reasoning block on a model that does not reason', () => {
    const { request, diagnostics } = repair(
      chat([user(text('q')), assistant(signed, redacted, text('a')), user(text('b'))]),
      mistral,
    );
    expect(request.messages[1]).toEqual(assistant(text('a')));
    expect(codes(diagnostics)).toEqual(['reasoning-block-unsupported', 'reasoning-block-unsupported']);
  });

  it('keeps signed and redacted reasoning on Claude', () => {
    const request = chat([user(text('q')), assistant(signed, redacted, text('a')), user(text('b'))]);
    expect(repair(request).diagnostics).toEqual([]);
  });
});

describe('extended thinking', () => {
  const loop = (...turn: ContentBlock[]) => [
    user(text('weather?')),
    assistant(...turn),
    user(toolResult('a')),
  ];

  it('keeps thinking on when the tool turn starts with its signed thinking block', () => {
    expect(repair(chat(loop(signed, toolUse('a')), { tools, reasoning })).diagnostics).toEqual([]);
  });

  it('turns thinking off when the tool turn lost its thinking block', () => {
    const { request, diagnostics } = repair(chat(loop(unsigned, toolUse('a')), { tools, reasoning }));
    expect(request.reasoning).toBeUndefined();
    expect(request.messages[1]).toEqual(assistant(toolUse('a')));
    expect(diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['reasoning-signature-missing', 'messages.1.content.0'],
      ['reasoning-missing-in-tool-turn', 'messages.1.content.0'],
    ]);
  });

  it('strict mode reports the tool turn without thinking', () => {
    const error = strictError(chat(loop(toolUse('a')), { tools, reasoning }));
    expect(error.path).toBe('messages.1.content.0');
    expect(error.message).toMatch(/must start with its signed thinking block/);
  });

  it('turns thinking off for a prefilled assistant turn and drops the reasoning in it', () => {
    const { request, diagnostics } = repair(
      chat([user(text('q')), assistant(signed, text('{'))], { reasoning }),
    );
    expect(request.reasoning).toBeUndefined();
    expect(request.messages[1]).toEqual(assistant(text('{')));
    expect(codes(diagnostics)).toEqual(['reasoning-with-prefill', 'reasoning-in-final-assistant']);
  });

  it('removes sampling settings thinking does not allow', () => {
    const { request, diagnostics } = repair(
      chat([user(text('q'))], { reasoning, temperature: 0.2, topP: 0.9, topK: 40 }),
    );
    expect([request.temperature, request.topP, request.topK]).toEqual([undefined, undefined, undefined]);
    expect(codes(diagnostics)).toEqual([
      'temperature-with-reasoning',
      'top-p-with-reasoning',
      'top-k-with-reasoning',
    ]);
  });

  it('keeps temperature 1 with thinking', () => {
    expect(repair(chat([user(text('q'))], { reasoning, temperature: 1 })).diagnostics).toEqual([]);
  });

  it('strict mode reports temperature with thinking', () => {
    const error = strictError(chat([user(text('q'))], { reasoning, temperature: 0 }));
    expect(error.path).toBe('temperature');
  });

  it("changes a forced tool choice to 'auto'", () => {
    const { request, diagnostics } = repair(
      chat([user(text('q'))], { reasoning, tools, toolChoice: { type: 'any' } }),
    );
    expect(request.toolChoice).toEqual({ type: 'auto' });
    expect(codes(diagnostics)).toEqual(['tool-choice-forced-with-reasoning']);
  });

  it('raises a budget under 1024 and a maxTokens that does not leave room for the answer', () => {
    const { request, diagnostics } = repair(
      chat([user(text('q'))], { reasoning: { budgetTokens: 500 }, maxTokens: 800 }),
    );
    expect(request.reasoning).toEqual({ budgetTokens: 1024 });
    expect(request.maxTokens).toBe(1824);
    expect(codes(diagnostics)).toEqual(['reasoning-budget-too-small', 'max-tokens-below-reasoning-budget']);
  });

  it("lowers a budget at or above the model's output limit", () => {
    const { request } = repair(chat([user(text('q'))], { reasoning: { budgetTokens: 64_000 } }));
    expect(request.reasoning).toEqual({ budgetTokens: 63_999 });
  });
});
