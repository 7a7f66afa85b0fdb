/**
 * Unified request → Converse body. Faithful: it encodes what it is given and leaves repairs (blank
 * text, unpaired tool results, surplus cache points) to preflight, failing only where the wire has no
 * way to say something (a URL source, top-k for a family without it), with the path of the culprit.
 */
import type { ModelInfo } from '../models/model-info.js';
import type {
  BinarySource,
  ContentBlock,
  DocumentBlock,
  ImageBlock,
  Message,
  ToolResultContent,
} from '../types/content.js';
import type { ChatRequest, GuardrailOptions } from '../types/request.js';
import { toBase64, unresolvedUrl } from './binary.js';
import { imageFormat } from './image-format.js';
import { modelRequestFields } from './model-fields.js';
import { toConverseToolConfig } from './tool-config.js';
import type {
  ConverseCachePoint,
  ConverseContentBlock,
  ConverseDocument,
  ConverseGuardrailConfig,
  ConverseImage,
  ConverseInferenceConfig,
  ConverseMessage,
  ConverseRequestBody,
  ConverseSource,
  ConverseSystemBlock,
  ConverseToolResultContent,
} from './wire-types.js';

const cachePoint = (): ConverseCachePoint => ({ cachePoint: { type: 'default' } });

function converseSource(source: BinarySource, path: string): ConverseSource {
  switch (source.type) {
    case 'bytes':
      return { bytes: toBase64(source.data) };
    case 'base64':
      return { bytes: source.data };
    case 's3':
      return {
        s3Location:
          source.bucketOwner === undefined
            ? { uri: source.uri }
            : { uri: source.uri, bucketOwner: source.bucketOwner },
      };
    case 'url':
      throw unresolvedUrl(path);
  }
}

const converseImage = (block: ImageBlock, path: string): ConverseImage => ({
  format: imageFormat(block, path),
  source: converseSource(block.source, `${path}.source`),
});

const converseDocument = (block: DocumentBlock, path: string): ConverseDocument => ({
  format: block.format,
  name: block.name,
  source: converseSource(block.source, `${path}.source`),
});

function toolResultContent(item: ToolResultContent, path: string): ConverseToolResultContent {
  switch (item.type) {
    case 'text':
      return { text: item.text };
    case 'json':
      return { json: item.json };
    case 'image':
      return { image: converseImage(item, path) };
    case 'document':
      return { document: converseDocument(item, path) };
  }
}

/** One content block; `path` (e.g. `messages.2.content.0`) names it in errors. */
export function toConverseContent(block: ContentBlock, path: string): ConverseContentBlock {
  switch (block.type) {
    case 'text':
      return { text: block.text };
    case 'image':
      return { image: converseImage(block, path) };
    case 'document':
      return { document: converseDocument(block, path) };
    case 'tool-use':
      return { toolUse: { toolUseId: block.id, name: block.name, input: block.input } };
    case 'tool-result':
      return {
        toolResult: {
          toolUseId: block.toolUseId,
          content: block.content.map((item, k) => toolResultContent(item, `${path}.content.${k}`)),
          ...(block.status ? { status: block.status } : {}),
        },
      };
    case 'reasoning':
      return {
        reasoningContent: {
          reasoningText:
            block.signature === undefined
              ? { text: block.text }
              : { text: block.text, signature: block.signature },
        },
      };
    case 'redacted-reasoning':
      return { reasoningContent: { redactedContent: toBase64(block.data) } };
    case 'cache-point':
      return cachePoint();
  }
}

export const toConverseMessages = (messages: Message[]): ConverseMessage[] =>
  messages.map((message, i) => ({
    role: message.role,
    content: message.content.map((block, j) => toConverseContent(block, `messages.${i}.content.${j}`)),
  }));

/** An empty string means "no system prompt" (Bedrock would reject a blank text block). */
export function toConverseSystem(system: ChatRequest['system']): ConverseSystemBlock[] | undefined {
  if (system === undefined || system === '') return undefined;
  if (typeof system === 'string') return [{ text: system }];
  return system.map((block) => (block.type === 'text' ? { text: block.text } : cachePoint()));
}

export function converseInferenceConfig(request: ChatRequest): ConverseInferenceConfig | undefined {
  const config: ConverseInferenceConfig = {};
  if (request.maxTokens !== undefined) config.maxTokens = request.maxTokens;
  if (request.temperature !== undefined) config.temperature = request.temperature;
  if (request.topP !== undefined) config.topP = request.topP;
  if (request.stopSequences !== undefined) config.stopSequences = [...request.stopSequences];
  return Object.keys(config).length > 0 ? config : undefined;
}

/**
 * `streamProcessingMode` exists only on ConverseStream's guardrail shape; it is passed when set
 * because the client always streams (chat() is stream() collected).
 */
const guardrailConfig = (guardrail: GuardrailOptions): ConverseGuardrailConfig => ({
  guardrailIdentifier: guardrail.identifier,
  guardrailVersion: guardrail.version,
  ...(guardrail.trace ? { trace: guardrail.trace } : {}),
  ...(guardrail.streamProcessingMode ? { streamProcessingMode: guardrail.streamProcessingMode } : {}),
});

/** The JSON body of Converse and ConverseStream (the model ID goes in the path). */
export function toConverse(request: ChatRequest, model: ModelInfo): ConverseRequestBody {
  const body: ConverseRequestBody = { messages: toConverseMessages(request.messages) };
  const system = toConverseSystem(request.system);
  if (system) body.system = system;
  const inferenceConfig = converseInferenceConfig(request);
  if (inferenceConfig) body.inferenceConfig = inferenceConfig;
  const tools = toConverseToolConfig(request, model);
  if (tools.toolConfig) body.toolConfig = tools.toolConfig;
  const additional = modelRequestFields(request, model, tools.additionalFields);
  if (Object.keys(additional).length > 0) body.additionalModelRequestFields = additional;
  if (request.guardrail) body.guardrailConfig = guardrailConfig(request.guardrail);
  if (request.metadata && Object.keys(request.metadata).length > 0)
    body.requestMetadata = { ...request.metadata };
  return body;
}
