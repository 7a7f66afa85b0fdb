import { describe, expect, it } from 'vitest';
import type { ImageBlock } from '../types/content.js';
import {
  assistant,
  chat,
  codes,
  lookupTool,
  mistral,
  repair,
  strictError,
  text,
  titan,
  toolResult,
  toolUse,
  user,
  variant,
} from './test-support/fixtures.js';

const image: ImageBlock = {
  type: 'image',
  format: 'png',
  source: { type: 's3', uri: 's3://bucket/cat.png' },
};

describe('capabilities', () => {
  it('rejects tools on a model without tool use, even in repair mode', () => {
    const request = chat([user(text('q'))], { tools: [lookupTool] });
    expect(() => repair(request, titan)).toThrow(/does not support tool use/);
    expect(strictError(request, titan).path).toBe('tools');
  });

  it('turns tool blocks in the history into text on a model without tools', () => {
    const { request, diagnostics } = repair(
      chat([user(text('q')), assistant(toolUse('a')), user(toolResult('a', 'sunny'), text('so?'))]),
      titan,
    );
    expect(request.messages[1]).toEqual(assistant(text('[Tool call lookup (id a) with input {"q":"a"}]')));
    expect(request.messages[2]).toEqual(user(text('[Tool result for id a]\nsunny'), text('so?')));
    expect(request.tools).toBeUndefined();
    expect(codes(diagnostics)).toEqual(['tool-blocks-unsupported', 'tool-blocks-unsupported']);
  });

  it("lowers toolChoice 'any' to 'auto' on a model that takes only 'auto'", () => {
    const { request, diagnostics } = repair(
      chat([user(text('q'))], { tools: [lookupTool], toolChoice: { type: 'any' } }),
      mistral,
    );
    expect(request.toolChoice).toEqual({ type: 'auto' });
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'tool-choice-unsupported', path: 'toolChoice' }),
    ]);
  });

  it("lowers a named tool choice to 'any' where the model takes it", () => {
    const model = variant({ toolChoice: ['auto', 'any'] });
    const { request } = repair(
      chat([user(text('q'))], { tools: [lookupTool], toolChoice: { type: 'tool', name: 'lookup' } }),
      model,
    );
    expect(request.toolChoice).toEqual({ type: 'any' });
  });

  it('strict mode reports an unsupported toolChoice', () => {
    const error = strictError(
      chat([user(text('q'))], { tools: [lookupTool], toolChoice: { type: 'any' } }),
      mistral,
    );
    expect(error.path).toBe('toolChoice');
    expect(error.message).toMatch(/Use one of: auto/);
  });

  it('drops topK on a model without it', () => {
    const { request, diagnostics } = repair(chat([user(text('q'))], { topK: 40 }), mistral);
    expect(request.topK).toBeUndefined();
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'top-k-unsupported', path: 'topK' })]);
  });

  it("clamps maxTokens to the model's output limit", () => {
    const { request, diagnostics } = repair(chat([user(text('q'))], { maxTokens: 100_000 }));
    expect(request.maxTokens).toBe(64_000);
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'max-tokens-clamped', path: 'maxTokens' })]);
  });

  it('strict mode reports maxTokens over the limit', () => {
    expect(strictError(chat([user(text('q'))], { maxTokens: 100_000 })).message).toMatch(/at most 64000/);
  });

  it('drops a maxTokens that is not a positive integer', () => {
    expect(codes(repair(chat([user(text('q'))], { maxTokens: 0 })).diagnostics)).toEqual([
      'max-tokens-invalid',
    ]);
  });

  it('clamps temperature and topP into [0, 1]', () => {
    const { request, diagnostics } = repair(chat([user(text('q'))], { temperature: 1.5, topP: -0.2 }));
    expect([request.temperature, request.topP]).toEqual([1, 0]);
    expect(codes(diagnostics)).toEqual(['temperature-out-of-range', 'top-p-out-of-range']);
  });

  it('drops reasoning on a model that does not reason', () => {
    const { request, diagnostics } = repair(
      chat([user(text('q'))], { reasoning: { budgetTokens: 2000 } }),
      mistral,
    );
    expect(request.reasoning).toBeUndefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'reasoning-unsupported', path: 'reasoning' }),
    ]);
  });

  it('moves the system prompt into the first user message on a model without one', () => {
    const { request, diagnostics } = repair(chat([user(text('q'))], { system: 'Be brief.' }), titan);
    expect(request.system).toBeUndefined();
    expect(request.messages[0]).toEqual(user(text('Be brief.'), text('q')));
    expect(codes(diagnostics)).toEqual(['system-prompt-unsupported']);
  });

  it('replaces images with a note on a text-only model', () => {
    const { request, diagnostics } = repair(chat([user(image, text('what is this?'))]), mistral);
    expect(request.messages[0]).toEqual(
      user(text('[image omitted: Mistral Large does not accept images]'), text('what is this?')),
    );
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'image-unsupported', path: 'messages.0.content.0' }),
    ]);
  });

  it('strict mode reports a document on a model without documents', () => {
    const document = {
      type: 'document' as const,
      format: 'pdf' as const,
      name: 'spec',
      source: image.source,
    };
    expect(strictError(chat([user(document, text('read'))]), mistral).path).toBe('messages.0.content.0');
  });

  it('replaces images inside tool results where the model takes images only in user content', () => {
    const model = variant({ imagesInToolResults: false });
    const result = { type: 'tool-result' as const, toolUseId: 'a', content: [image] };
    const { request, diagnostics } = repair(
      chat([user(text('q')), assistant(toolUse('a')), user(result)], { tools: [lookupTool] }),
      model,
    );
    expect(request.messages[2]?.content[0]).toEqual({
      ...result,
      content: [text('[image omitted: Claude Sonnet 4 does not accept images in tool results]')],
    });
    expect(diagnostics[0]).toMatchObject({
      code: 'image-unsupported',
      path: 'messages.2.content.0.content.0',
    });
  });
});
