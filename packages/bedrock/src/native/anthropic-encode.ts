/**
 * Unified request → Anthropic Messages body as Bedrock takes it (`anthropic_version:
 * "bedrock-2023-05-31"`). Cache points become `cache_control` on the block before them, which is how
 * Anthropic marks the end of a cached prefix. Images and PDFs travel as base64; text documents as
 * Anthropic's plain-text source; S3 sources and Office formats only exist through Converse.
 */
import { inlineBase64, inlineText } from '../converse/binary.js';
import { imageFormat } from '../converse/image-format.js';
import { mergeFields } from '../converse/merge-fields.js';
import { thinkingField } from '../converse/model-fields.js';
import type { JsonRecord } from '../converse/read-json.js';
import { ValidationError } from '../errors/strata-error.js';
import type { ModelInfo } from '../models/model-info.js';
import type {
  ContentBlock,
  DocumentBlock,
  ImageBlock,
  SystemBlock,
  ToolResultContent,
} from '../types/content.js';
import type { ChatRequest, ToolChoice } from '../types/request.js';
import { compact, requiredMaxTokens } from './body.js';

const WHAT = "Claude's native API";
const TEXT_DOCUMENTS = new Set(['txt', 'md', 'csv', 'html']);

const image = (block: ImageBlock, path: string): JsonRecord => ({
  type: 'image',
  source: {
    type: 'base64',
    media_type: `image/${imageFormat(block, path)}`,
    data: inlineBase64(block.source, `${path}.source`, WHAT),
  },
});

function document(block: DocumentBlock, path: string): JsonRecord {
  const source = `${path}.source`;
  if (block.format === 'pdf') {
    return {
      type: 'document',
      title: block.name,
      source: {
        type: 'base64',
        media_type: 'application/pdf',
        data: inlineBase64(block.source, source, WHAT),
      },
    };
  }
  if (TEXT_DOCUMENTS.has(block.format)) {
    return {
      type: 'document',
      title: block.name,
      source: { type: 'text', media_type: 'text/plain', data: inlineText(block.source, source, WHAT) },
    };
  }
  throw new ValidationError(
    `${WHAT} reads PDF and text documents only; ${path} is ${block.format}. Use the Converse API.`,
    {
      path: `${path}.format`,
    },
  );
}

function toolResultItem(item: ToolResultContent, path: string): JsonRecord {
  switch (item.type) {
    case 'text':
      return { type: 'text', text: item.text };
    case 'json':
      // Anthropic's tool results have no JSON block; Converse also hands JSON results to Claude as text.
      return { type: 'text', text: JSON.stringify(item.json) };
    case 'image':
      return image(item, path);
    case 'document':
      return document(item, path);
  }
}

function block(b: Exclude<ContentBlock, { type: 'cache-point' }>, path: string): JsonRecord {
  switch (b.type) {
    case 'text':
      return { type: 'text', text: b.text };
    case 'image':
      return image(b, path);
    case 'document':
      return document(b, path);
    case 'tool-use':
      return { type: 'tool_use', id: b.id, name: b.name, input: b.input };
    case 'tool-result':
      return {
        type: 'tool_result',
        tool_use_id: b.toolUseId,
        content: b.content.map((item, k) => toolResultItem(item, `${path}.content.${k}`)),
        ...(b.status === 'error' ? { is_error: true } : {}),
      };
    case 'reasoning':
      return compact({ type: 'thinking', thinking: b.text, signature: b.signature });
    case 'redacted-reasoning':
      // Anthropic's redacted data is a string; the unified bytes are its UTF-8 (see anthropic-decode).
      return { type: 'redacted_thinking', data: Buffer.from(b.data).toString('utf8') };
  }
}

/** Blocks with each cache point folded into the preceding block as `cache_control`. */
function withCacheControl<T extends ContentBlock | SystemBlock>(
  blocks: T[],
  path: string,
  convert: (b: Exclude<T, { type: 'cache-point' }>, path: string) => JsonRecord,
): JsonRecord[] {
  const out: JsonRecord[] = [];
  blocks.forEach((b, j) => {
    if (b.type !== 'cache-point') {
      out.push(convert(b as Exclude<T, { type: 'cache-point' }>, `${path}.${j}`));
      return;
    }
    const previous = out.at(-1);
    if (!previous) {
      throw new ValidationError(
        `A cache point marks the end of cached content, but ${path}.${j} has nothing before it.`,
        {
          path: `${path}.${j}`,
        },
      );
    }
    previous.cache_control = { type: 'ephemeral' };
  });
  return out;
}

function system(value: ChatRequest['system']): string | JsonRecord[] | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'string') return value;
  return withCacheControl(value, 'system', (b) => ({ type: 'text', text: b.text }));
}

const toolChoice = (choice: ToolChoice): JsonRecord =>
  choice.type === 'tool' ? { type: 'tool', name: choice.name } : { type: choice.type };

export function encodeAnthropicMessages(request: ChatRequest, model: ModelInfo): Record<string, unknown> {
  const tools = request.tools ?? [];
  const body = compact({
    anthropic_version: 'bedrock-2023-05-31',
    max_tokens: requiredMaxTokens(request, model),
    system: system(request.system),
    messages: request.messages.map((message, i) => ({
      role: message.role,
      content: withCacheControl(message.content, `messages.${i}.content`, block),
    })),
    temperature: request.temperature,
    top_p: request.topP,
    top_k: request.topK,
    stop_sequences: request.stopSequences,
    tools:
      tools.length > 0
        ? tools.map((tool) =>
            compact({ name: tool.name, description: tool.description, input_schema: tool.inputSchema }),
          )
        : undefined,
    // Anthropic's Messages API has `none` itself, so unlike Converse it needs no workaround.
    tool_choice: tools.length > 0 && request.toolChoice ? toolChoice(request.toolChoice) : undefined,
  });
  const thinking = request.reasoning ? thinkingField(model, request.reasoning.budgetTokens) : undefined;
  return mergeFields(mergeFields(body, thinking), request.additionalModelRequestFields);
}
