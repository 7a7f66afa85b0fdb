import type {
  ChatRequest,
  ContentBlock,
  ImageBlock,
  ImageFormat,
  Message,
  SystemBlock,
  ToolChoice,
  ToolDefinition,
  ToolResultContent,
} from '@strata/bedrock';
import { appendMessage } from '../compat/append-message.js';
import { imageFromUrl } from '../compat/image-url.js';
import type {
  CacheControl,
  ContentBlockParam,
  CountTokensBody,
  ImageMediaType,
  ImageParam,
  MessagesBody,
  TextParam,
  ToolChoiceParam,
  ToolParam,
} from './types.js';

const IMAGE_FORMATS: Record<ImageMediaType, ImageFormat> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

/** Anthropic marks the end of a cached prefix on its last block; Bedrock with a block after it. */
const cachePointAfter = (block: { cache_control?: CacheControl | null }): ContentBlock[] =>
  block.cache_control ? [{ type: 'cache-point' }] : [];

function image(param: ImageParam, path: string): ImageBlock {
  const { source } = param;
  if (source.type === 'url') return imageFromUrl(source.url, `${path}.source.url`);
  return {
    type: 'image',
    format: IMAGE_FORMATS[source.media_type],
    source: { type: 'base64', data: source.data },
  };
}

function toolResultContent(
  content: string | (TextParam | ImageParam)[] | undefined,
  path: string,
): ToolResultContent[] {
  if (content === undefined) return [];
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  return content.flatMap((part, k): ToolResultContent[] => {
    if (part.type === 'image') return [image(part, `${path}.content.${k}`)];
    return part.text === '' ? [] : [{ type: 'text', text: part.text }];
  });
}

/**
 * One Anthropic content block as library blocks. Redacted thinking is an opaque string whose UTF-8
 * bytes are the library's form (as its Anthropic codec does). Empty text is dropped, which Bedrock
 * would refuse.
 */
function convert(param: ContentBlockParam, path: string): ContentBlock[] {
  switch (param.type) {
    case 'text':
      return param.text === '' ? [] : [{ type: 'text', text: param.text }];
    case 'image':
      return [image(param, path)];
    case 'tool_use':
      return [{ type: 'tool-use', id: param.id, name: param.name, input: param.input }];
    case 'tool_result':
      return [
        {
          type: 'tool-result',
          toolUseId: param.tool_use_id,
          content: toolResultContent(param.content, path),
          ...(param.is_error ? { status: 'error' as const } : {}),
        },
      ];
    case 'thinking':
      return [{ type: 'reasoning', text: param.thinking, signature: param.signature }];
    case 'redacted_thinking':
      return [{ type: 'redacted-reasoning', data: new Uint8Array(Buffer.from(param.data, 'utf8')) }];
  }
}

const block = (param: ContentBlockParam, path: string): ContentBlock[] => [
  ...convert(param, path),
  ...cachePointAfter(param),
];

function messages(body: CountTokensBody): Message[] {
  const out: Message[] = [];
  body.messages.forEach((message, i) => {
    const content =
      typeof message.content === 'string'
        ? block({ type: 'text', text: message.content }, `messages.${i}.content`)
        : message.content.flatMap((param, j) => block(param, `messages.${i}.content.${j}`));
    appendMessage(out, message.role, content);
  });
  return out;
}

function system(value: CountTokensBody['system']): string | SystemBlock[] | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value === '' ? undefined : value;
  const blocks = value.flatMap((part): SystemBlock[] => [
    ...(part.text === '' ? [] : [{ type: 'text' as const, text: part.text }]),
    ...(part.cache_control ? [{ type: 'cache-point' as const }] : []),
  ]);
  return blocks.length > 0 ? blocks : undefined;
}

/** Tool definitions; `cache_control` on tools has no ChatRequest form (the library's cache policy places points). */
const tool = (param: ToolParam): ToolDefinition => ({
  name: param.name,
  ...(param.description !== undefined ? { description: param.description } : {}),
  inputSchema: param.input_schema,
});

const toolChoice = (choice: ToolChoiceParam): ToolChoice =>
  choice.type === 'tool' ? { type: 'tool', name: choice.name } : { type: choice.type };

/** The prompt part of a Messages request (all that count_tokens takes) as a ChatRequest. */
export function toPromptRequest(body: CountTokensBody): ChatRequest {
  const systemPrompt = system(body.system);
  return {
    model: body.model,
    messages: messages(body),
    ...(systemPrompt !== undefined ? { system: systemPrompt } : {}),
    ...(body.tools?.length ? { tools: body.tools.map(tool) } : {}),
    ...(body.tool_choice ? { toolChoice: toolChoice(body.tool_choice) } : {}),
    ...(body.thinking?.type === 'enabled'
      ? { reasoning: { budgetTokens: body.thinking.budget_tokens } }
      : {}),
  };
}

/** A Messages request as a ChatRequest (the model passes through as is). */
export function toChatRequest(body: MessagesBody): ChatRequest {
  const stop = (body.stop_sequences ?? []).filter((sequence) => sequence !== '');
  return {
    ...toPromptRequest(body),
    maxTokens: body.max_tokens,
    ...(body.temperature !== undefined ? { temperature: body.temperature } : {}),
    ...(body.top_p !== undefined ? { topP: body.top_p } : {}),
    ...(body.top_k !== undefined ? { topK: body.top_k } : {}),
    ...(stop.length > 0 ? { stopSequences: stop } : {}),
  };
}
