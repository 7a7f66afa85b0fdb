/** fast-check arbitraries of unified content, for the codecs' round-trip properties. */
import fc from 'fast-check';
import type {
  BinarySource,
  ContentBlock,
  DocumentFormat,
  ImageFormat,
  Message,
  ToolResultContent,
} from '../../types/content.js';

/** JSON values as the wire carries them (JSON has no -0, so it reads back as 0). */
export const jsonValue = fc
  .jsonValue({ maxDepth: 3 })
  .map((value) => JSON.parse(JSON.stringify(value)) as unknown);

export const toolInput = fc
  .dictionary(fc.string({ maxLength: 8 }), jsonValue, { maxKeys: 4, noNullPrototype: true })
  .map((value) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>);

const bytes = fc.uint8Array({ minLength: 1, maxLength: 24 });

const source: fc.Arbitrary<BinarySource> = fc.oneof(
  bytes.map((data): BinarySource => ({ type: 'bytes', data })),
  bytes.map((data): BinarySource => ({ type: 'base64', data: Buffer.from(data).toString('base64') })),
  fc
    .tuple(
      fc.stringMatching(/^[a-z0-9/._-]{1,20}$/),
      fc.option(fc.stringMatching(/^\d{12}$/), { nil: undefined }),
    )
    .map(
      ([key, bucketOwner]): BinarySource =>
        bucketOwner === undefined
          ? { type: 's3', uri: `s3://bucket/${key}` }
          : { type: 's3', uri: `s3://bucket/${key}`, bucketOwner },
    ),
);

const imageFormat = fc.constantFrom<ImageFormat>('png', 'jpeg', 'gif', 'webp');
const documentFormat = fc.constantFrom<DocumentFormat>(
  'pdf',
  'csv',
  'doc',
  'docx',
  'xls',
  'xlsx',
  'html',
  'txt',
  'md',
);

const image = fc.record({ type: fc.constant('image' as const), format: imageFormat, source });
const document = fc.record({
  type: fc.constant('document' as const),
  format: documentFormat,
  name: fc.string({ minLength: 1, maxLength: 12 }),
  source,
});
const text = fc.record({ type: fc.constant('text' as const), text: fc.string({ minLength: 1 }) });

const toolResultContent: fc.Arbitrary<ToolResultContent> = fc.oneof(
  text,
  image,
  document,
  jsonValue.map((json): ToolResultContent => ({ type: 'json', json })),
);

const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const withoutUndefined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

export const toolUse = fc.record({
  type: fc.constant('tool-use' as const),
  id: fc.string({ minLength: 1, maxLength: 12 }),
  name: fc.string({ minLength: 1, maxLength: 12 }),
  input: toolInput,
});

export const reasoning = fc
  .record({
    type: fc.constant('reasoning' as const),
    text: fc.string({ minLength: 1 }),
    signature: optional(fc.base64String({ minLength: 4, maxLength: 40 })),
  })
  .map(withoutUndefined);

export const redacted = bytes.map((data): ContentBlock => ({ type: 'redacted-reasoning', data }));

const toolResult = fc
  .record({
    type: fc.constant('tool-result' as const),
    toolUseId: fc.string({ minLength: 1, maxLength: 12 }),
    content: fc.array(toolResultContent, { maxLength: 3 }),
    status: optional(fc.constantFrom<'success' | 'error'>('success', 'error')),
  })
  .map(withoutUndefined);

export const contentBlock: fc.Arbitrary<ContentBlock> = fc.oneof(
  text,
  image,
  document,
  toolUse,
  toolResult,
  reasoning,
  redacted,
  fc.constant<ContentBlock>({ type: 'cache-point' }),
);

export const message: fc.Arbitrary<Message> = fc.record({
  role: fc.constantFrom<'user' | 'assistant'>('user', 'assistant'),
  content: fc.array(contentBlock, { minLength: 1, maxLength: 5 }),
});

/** What a model can stream back: text, reasoning, redacted reasoning and tool calls. */
export const replyContent: fc.Arbitrary<ContentBlock[]> = fc.array(
  fc.oneof(text, reasoning, redacted, toolUse),
  {
    minLength: 1,
    maxLength: 5,
  },
);

/** `text` cut at the given positions (taken modulo its length), in order. */
export function splitAt(text: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
  const parts: string[] = [];
  let from = 0;
  for (const point of points) {
    parts.push(text.slice(from, point));
    from = point;
  }
  parts.push(text.slice(from));
  return parts;
}
