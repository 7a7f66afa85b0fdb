import type { ChatResult } from '@strata/bedrock';
import { completionUsage, FINISH_REASONS } from './mappings.js';
import type { ChatCompletion, ToolCall } from './types.js';

export interface CompletionMeta {
  id: string;
  /** The model as the caller named it. */
  model: string;
  created: number;
}

/**
 * A collected reply as a `chat.completion`. Text blocks join into `content` (null for a reply made
 * only of tool calls, as OpenAI sends it); thinking goes to `reasoning_content`; redacted thinking
 * has no OpenAI form and is left out.
 */
export function toCompletion(result: ChatResult, meta: CompletionMeta): ChatCompletion {
  let text = '';
  let reasoning = '';
  const toolCalls: ToolCall[] = [];
  for (const block of result.message.content) {
    if (block.type === 'text') text += block.text;
    else if (block.type === 'reasoning') reasoning += block.text;
    else if (block.type === 'tool-use') {
      toolCalls.push({
        id: block.id,
        type: 'function',
        function: { name: block.name, arguments: JSON.stringify(block.input ?? {}) },
      });
    }
  }
  return {
    id: meta.id,
    object: 'chat.completion',
    created: meta.created,
    model: meta.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: text === '' && toolCalls.length > 0 ? null : text,
          refusal: null,
          ...(reasoning !== '' ? { reasoning_content: reasoning } : {}),
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        },
        logprobs: null,
        finish_reason: FINISH_REASONS[result.stopReason],
      },
    ],
    usage: completionUsage(result.usage),
  };
}
