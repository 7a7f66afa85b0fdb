import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/strata-error.js';
import type { ModelInfo } from '../models/model-info.js';
import type { ContentBlock, ToolResultContent } from '../types/content.js';
import type { ChatRequest } from '../types/request.js';
import { isBlank, isReasoning } from './blocks.js';
import { MAX_CACHE_POINTS } from './cache-points.js';
import { MAX_DOCUMENTS, MAX_IMAGES } from './media-limits.js';
import { preflight } from './preflight.js';
import { requestFor } from './test-support/arbitraries.js';
import {
  assistant,
  cachePoint,
  chat,
  claude,
  deepFreeze,
  lookupTool,
  mistral,
  text,
  titan,
  toolResult,
  toolUse,
  user,
} from './test-support/fixtures.js';

const wellFormed = chat(
  [
    user(text('What is the weather in Paris?'), cachePoint),
    assistant({ type: 'reasoning', text: 'Use the tool.', signature: 'sig' }, toolUse('a')),
    user(toolResult('a', 'sunny')),
  ],
  { system: 'Be brief.', tools: [lookupTool], reasoning: { budgetTokens: 2048 }, maxTokens: 4096 },
);

describe('preflight', () => {
  it("returns the very same request with 'off'", () => {
    const broken = chat([assistant(text(' '))]);
    const result = preflight(broken, claude, 'off');
    expect(result.request).toBe(broken);
    expect(result.diagnostics).toEqual([]);
  });

  it('passes a well-formed request through unchanged in both modes', () => {
    const repaired = preflight(deepFreeze(wellFormed), claude, 'repair');
    expect(repaired.diagnostics).toEqual([]);
    expect(repaired.request).toEqual(wellFormed);
    expect(preflight(wellFormed, claude, 'strict').request).toEqual(wellFormed);
  });

  it('repairs several problems in one pass without touching the frozen input', () => {
    const input = deepFreeze(
      chat([assistant(text('earlier')), assistant(toolUse('a'), text(' ')), user(text('next'))], { topK: 5 }),
    );
    const { request, diagnostics } = preflight(input, mistral, 'repair');
    expect(request.messages).toEqual([
      user(text('(empty)')),
      assistant(text('earlier'), toolUse('a')),
      user(missing('a'), text('next')),
    ]);
    expect(request.tools?.map((tool) => tool.name)).toEqual(['lookup']);
    expect(diagnostics.map((d) => d.code)).toEqual([
      'top-k-unsupported',
      'blank-text-removed',
      'consecutive-roles-merged',
      'first-message-not-user',
      'tool-result-missing',
      'placeholder-tools-added',
    ]);
  });
});

function missing(id: string): ContentBlock {
  return { type: 'tool-result', toolUseId: id, content: [text('Tool result missing')] };
}

/** Everything Bedrock checks that preflight promises to have settled. */
function expectValid(request: ChatRequest, model: ModelInfo): void {
  const { messages } = request;
  expect(messages[0]?.role).toBe('user');
  const seenIds = new Set<string>();
  let cachePoints = Array.isArray(request.system)
    ? request.system.filter((b) => b.type === 'cache-point').length
    : 0;
  messages.forEach((message, i) => {
    expect(message.content.length).toBeGreaterThan(0);
    if (i > 0) expect(message.role).not.toBe(messages[i - 1]?.role);
    message.content.forEach((block: ContentBlock, j) => {
      if (block.type === 'text') expect(isBlank(block.text)).toBe(false);
      if (block.type === 'tool-result') {
        expect(message.role).toBe('user');
        for (const part of block.content) if (part.type === 'text') expect(isBlank(part.text)).toBe(false);
      }
      if (block.type === 'tool-use') {
        expect(message.role).toBe('assistant');
        expect(seenIds.has(block.id)).toBe(false);
        seenIds.add(block.id);
      }
      if (block.type === 'cache-point') {
        cachePoints++;
        const previous = message.content[j - 1];
        expect(previous !== undefined && previous.type !== 'cache-point' && !isReasoning(previous)).toBe(
          true,
        );
      }
      if (isReasoning(block)) expect(model.capabilities.reasoning).not.toBe('none');
      if (block.type === 'image' || block.type === 'document') expect(message.role).toBe('user');
    });
    if (message.content.some((b) => b.type === 'document')) {
      expect(message.content.some((b) => b.type === 'text')).toBe(true);
    }
    // Every call is answered exactly once in the next turn, and every result answers a call just before.
    const calls = message.content.flatMap((b) => (b.type === 'tool-use' ? [b.id] : []));
    const next = messages[i + 1]?.content ?? [];
    const answers = next.flatMap((b) => (b.type === 'tool-result' ? [b.toolUseId] : []));
    if (message.role === 'assistant') expect([...answers].sort()).toEqual([...calls].sort());
    if (message.role === 'user' && i === 0)
      expect(message.content.some((b) => b.type === 'tool-result')).toBe(false);
    const marked = message.content.filter((b) => b.type !== 'cache-point');
    const results = marked.filter((b) => b.type === 'tool-result').length;
    expect(marked.slice(0, results).every((b) => b.type === 'tool-result')).toBe(true);
  });
  expect(cachePoints).toBeLessThanOrEqual(MAX_CACHE_POINTS);
  const media = messages.flatMap((m) =>
    m.content
      .flatMap((b): (ContentBlock | ToolResultContent)[] => (b.type === 'tool-result' ? b.content : [b]))
      .filter((b) => b.type === 'image' || b.type === 'document'),
  );
  const images = media.filter((b) => b.type === 'image');
  const documents = media.filter((b) => b.type === 'document');
  expect(images.length).toBeLessThanOrEqual(MAX_IMAGES);
  if (images.length > 0) expect(model.capabilities.images).toBe(true);
  expect(documents.length).toBeLessThanOrEqual(MAX_DOCUMENTS);
  for (const document of documents) expect(document.name).toMatch(/^(?!.*\s\s)[A-Za-z0-9 ()[\]-]{1,200}$/);
  const final = messages.at(-1);
  const lastText = final?.content.findLast((b) => b.type !== 'cache-point');
  if (final?.role === 'assistant' && lastText?.type === 'text')
    expect(lastText.text).toBe(lastText.text.trimEnd());
  if (seenIds.size > 0) expect(request.tools?.length).toBeGreaterThan(0);
  if (typeof request.system === 'string') expect(isBlank(request.system)).toBe(false);
}

/** Repairs that preflight refuses on purpose: images over 8000 px. */
const refused = (error: unknown) => error instanceof ValidationError && /px per side/.test(error.message);

describe('preflight repair, for arbitrary conversations', () => {
  for (const model of [claude, mistral, titan]) {
    it(`always yields a request Bedrock accepts, and is idempotent (${model.name})`, () => {
      fc.assert(
        fc.property(requestFor(model), (input) => {
          let result: ReturnType<typeof preflight>;
          try {
            result = preflight(deepFreeze(input), model, 'repair');
          } catch (error) {
            if (refused(error)) return;
            throw error;
          }
          expectValid(result.request, model);
          expect(preflight(result.request, model, 'repair').diagnostics).toEqual([]);
          expect(() => preflight(result.request, model, 'strict')).not.toThrow();
        }),
        { numRuns: 400 },
      );
    });
  }
});
