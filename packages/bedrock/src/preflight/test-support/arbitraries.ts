import fc from 'fast-check';
import type { ModelInfo } from '../../models/model-info.js';
import type {
  ContentBlock,
  Message,
  SystemBlock,
  TextBlock,
  ToolResultContent,
} from '../../types/content.js';
import type { ChatRequest, ToolDefinition } from '../../types/request.js';
import { lookupTool } from './fixtures.js';
import { pngHeader } from './images.js';

/** Few ids and names, so that duplicates, orphans and matches all happen often. */
const id = fc.constantFrom('a', 'b', 'c');
const words = fc.oneof(
  fc.constantFrom('', ' ', '\n\t', 'hello', 'trailing ', '{'),
  fc.string({ maxLength: 6 }),
);
const text: fc.Arbitrary<TextBlock> = words.map((value) => ({ type: 'text', text: value }));
const image = fc.oneof(
  fc.constant({ type: 's3' as const, uri: 's3://bucket/cat.png' }),
  fc.integer({ min: 1, max: 9000 }).map((side) => ({ type: 'bytes' as const, data: pngHeader(side, 64) })),
);
const media = fc.oneof(
  image
    .filter((source) => source.type === 's3' || source.data.length > 0)
    .map((source) => ({ type: 'image' as const, format: 'png' as const, source })),
  fc.string({ maxLength: 12 }).map((name) => ({
    type: 'document' as const,
    format: 'txt' as const,
    name,
    source: { type: 's3' as const, uri: 's3://bucket/doc.txt' },
  })),
);
const resultPart: fc.Arbitrary<ToolResultContent> = fc.oneof(
  text,
  media,
  fc.constant({ type: 'json', json: { ok: 1 } }),
);

const block: fc.Arbitrary<ContentBlock> = fc.oneof(
  { arbitrary: text, weight: 3 },
  media,
  fc.record({
    type: fc.constant('tool-use'),
    id,
    name: fc.constantFrom('lookup', 'search'),
    input: fc.constant({}),
  }),
  fc.record(
    {
      type: fc.constant('tool-result'),
      toolUseId: id,
      content: fc.array(resultPart, { maxLength: 2 }),
      status: fc.constantFrom('success', 'error'),
    },
    { requiredKeys: ['type', 'toolUseId', 'content'] },
  ),
  fc.record(
    { type: fc.constant('reasoning'), text: fc.constant('thinking'), signature: fc.constant('sig') },
    { requiredKeys: ['type', 'text'] },
  ),
  fc.constant({ type: 'redacted-reasoning', data: new Uint8Array([1]) }),
  { arbitrary: fc.constant({ type: 'cache-point' }), weight: 3 },
);

const message: fc.Arbitrary<Message> = fc.record({
  role: fc.constantFrom('user', 'assistant'),
  content: fc.array(block, { maxLength: 5 }),
});

const system: fc.Arbitrary<string | SystemBlock[]> = fc.oneof(
  words,
  fc.array(fc.oneof(text, fc.constant<SystemBlock>({ type: 'cache-point' })), { maxLength: 3 }),
);

/**
 * Arbitrary requests for a model. Images stay under the byte limit but not always under the pixel
 * limit, so a repair may also be refused; tools only where the model has them (otherwise refused).
 */
export function requestFor(model: ModelInfo): fc.Arbitrary<ChatRequest> {
  return fc
    .record(
      {
        messages: fc.array(message, { minLength: 1, maxLength: 8 }),
        system,
        tools: fc.constant<ToolDefinition[]>(model.capabilities.tools ? [lookupTool] : []),
        toolChoice: fc.constantFrom(
          { type: 'auto' as const },
          { type: 'any' as const },
          { type: 'none' as const },
        ),
        reasoning: fc.record({ budgetTokens: fc.integer({ min: 0, max: 70_000 }) }),
        maxTokens: fc.integer({ min: 0, max: 100_000 }),
        temperature: fc.double({ min: -1, max: 2, noNaN: true }),
        topK: fc.integer({ min: 1, max: 500 }),
        stopSequences: fc.array(words, { maxLength: 2 }),
      },
      { requiredKeys: ['messages'] },
    )
    .map((fields) => ({ model: model.requested, ...fields }));
}
