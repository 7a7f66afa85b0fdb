import {
  type ChatRequest,
  type ContentBlock,
  type ImageBlock,
  type Message,
  type SystemBlock,
  type TextBlock,
  type ToolChoice,
  type ToolDefinition,
  ValidationError,
} from '@strata/bedrock';
import { appendMessage } from '../compat/append-message.js';
import { imageFromUrl } from '../compat/image-url.js';
import { reasoningFor } from './reasoning-effort.js';
import type {
  ChatCompletionBody,
  ChatMessage,
  ContentPart,
  FunctionTool,
  ToolChoiceOption,
} from './types.js';

const partsOf = (content: ChatMessage['content']): ContentPart[] =>
  typeof content === 'string' ? [{ type: 'text', text: content }] : (content ?? []);

/**
 * A text part as a block. Empty text is dropped (Bedrock refuses blank text, and OpenAI clients send
 * `""` beside tool calls); images are refused outside user messages, as OpenAI does.
 */
function textPart(part: ContentPart, path: string): TextBlock[] {
  if (part.type === 'image_url') {
    throw new ValidationError(`${path}: only user messages may contain images.`, { path });
  }
  const text = part.type === 'text' ? part.text : part.refusal;
  return text === '' ? [] : [{ type: 'text', text }];
}

const textBlocks = (message: ChatMessage, path: string): TextBlock[] =>
  partsOf(message.content).flatMap((part, j) => textPart(part, `${path}.content.${j}`));

const userBlocks = (message: ChatMessage, path: string): (TextBlock | ImageBlock)[] =>
  partsOf(message.content).flatMap((part, j): (TextBlock | ImageBlock)[] =>
    part.type === 'image_url'
      ? [imageFromUrl(part.image_url.url, `${path}.content.${j}.image_url.url`)]
      : textPart(part, `${path}.content.${j}`),
  );

function parseArguments(json: string, path: string): unknown {
  if (json.trim() === '') return {};
  try {
    return JSON.parse(json);
  } catch {
    throw new ValidationError(`${path}: the tool call's arguments are not valid JSON.`, { path });
  }
}

function assistantBlocks(message: ChatMessage, path: string): ContentBlock[] {
  const calls = (message.tool_calls ?? []).map(
    (call, j): ContentBlock => ({
      type: 'tool-use',
      id: call.id,
      name: call.function.name,
      input: parseArguments(call.function.arguments, `${path}.tool_calls.${j}.function.arguments`),
    }),
  );
  return [...textBlocks(message, path), ...calls];
}

/**
 * System and developer messages become the system prompt wherever they appear (Bedrock has one
 * system prompt, before the conversation); tool messages become tool results in a user turn.
 */
function conversation(body: ChatCompletionBody): { system: SystemBlock[]; messages: Message[] } {
  const system: SystemBlock[] = [];
  const messages: Message[] = [];
  body.messages.forEach((message, i) => {
    const path = `messages.${i}`;
    switch (message.role) {
      case 'system':
      case 'developer':
        system.push(...textBlocks(message, path));
        return;
      case 'user':
        appendMessage(messages, 'user', userBlocks(message, path));
        return;
      case 'assistant':
        appendMessage(messages, 'assistant', assistantBlocks(message, path));
        return;
      case 'tool':
        appendMessage(messages, 'user', [
          { type: 'tool-result', toolUseId: message.tool_call_id!, content: textBlocks(message, path) },
        ]);
        return;
    }
  });
  return { system, messages };
}

const toolDefinition = (tool: FunctionTool): ToolDefinition => ({
  name: tool.function.name,
  ...(tool.function.description !== undefined ? { description: tool.function.description } : {}),
  // OpenAI lets a function omit `parameters` ("takes no arguments"); Bedrock needs an object schema.
  inputSchema: tool.function.parameters ?? { type: 'object', properties: {} },
});

function toolChoice(choice: ToolChoiceOption): ToolChoice {
  if (choice === 'none') return { type: 'none' };
  if (choice === 'auto') return { type: 'auto' };
  if (choice === 'required') return { type: 'any' };
  return { type: 'tool', name: choice.function.name };
}

// Empty sequences would stop nothing, and Bedrock refuses them.
const stopSequences = (stop: ChatCompletionBody['stop']): string[] =>
  (stop == null ? [] : typeof stop === 'string' ? [stop] : stop).filter((sequence) => sequence !== '');

/** An OpenAI chat completion request as the library's ChatRequest (the model passes through as is). */
export function toChatRequest(body: ChatCompletionBody): ChatRequest {
  const { system, messages } = conversation(body);
  const maxTokens = body.max_completion_tokens ?? body.max_tokens;
  const stop = stopSequences(body.stop);
  const reasoning = reasoningFor(body.reasoning_effort);
  return {
    model: body.model,
    messages,
    ...(system.length > 0 ? { system } : {}),
    ...(body.tools?.length ? { tools: body.tools.map(toolDefinition) } : {}),
    ...(body.tool_choice !== undefined ? { toolChoice: toolChoice(body.tool_choice) } : {}),
    ...(maxTokens != null ? { maxTokens } : {}),
    ...(body.temperature != null ? { temperature: body.temperature } : {}),
    ...(body.top_p != null ? { topP: body.top_p } : {}),
    ...(stop.length > 0 ? { stopSequences: stop } : {}),
    ...(reasoning ? { reasoning } : {}),
  };
}
