import type { ChatEvent } from '@strata/bedrock';
import { completionUsage, FINISH_REASONS } from './mappings.js';
import type { CompletionMeta } from './to-completion.js';
import type { ChatCompletionChunk, ChunkDelta, ChunkToolCall } from './types.js';

interface OpenCall {
  /** The call's position among this reply's tool calls: OpenAI's `tool_calls[].index`. */
  ordinal: number;
  /** Whether argument fragments were sent; if not, the complete input is sent when the call ends. */
  streamedArguments: boolean;
}

/**
 * Turns a ChatEvent stream into `chat.completion.chunk` objects, one stream per instance. The first
 * chunk carries the role; tool calls are numbered by their order (Bedrock numbers content blocks,
 * OpenAI numbers calls); with `includeUsage` every chunk has `usage: null` and a last chunk with no
 * choices carries the usage, as OpenAI streams it.
 */
export class ChunkEncoder {
  private roleSent = false;
  private readonly calls = new Map<number, OpenCall>();

  constructor(private readonly meta: CompletionMeta & { includeUsage: boolean }) {}

  push(event: ChatEvent): ChatCompletionChunk[] {
    switch (event.type) {
      case 'message-start':
        return [this.chunk({ content: '' })];
      case 'text-delta':
        return event.text === '' ? [] : [this.chunk({ content: event.text })];
      case 'reasoning-delta':
        return event.text ? [this.chunk({ reasoning_content: event.text })] : [];
      case 'tool-call-start':
        return [this.toolChunk(this.open(event.index), { id: event.id, name: event.name, arguments: '' })];
      case 'tool-call-delta': {
        const call = this.calls.get(event.index);
        // Without its start the call has no name yet; the closing `tool-call` sends it whole.
        if (!call || event.partialJson === '') return [];
        call.streamedArguments = true;
        return [this.toolChunk(call, { arguments: event.partialJson })];
      }
      case 'tool-call': {
        const started = this.calls.get(event.index);
        const call = started ?? this.open(event.index);
        if (call.streamedArguments) return [];
        const args = JSON.stringify(event.input ?? {});
        return [
          this.toolChunk(
            call,
            started ? { arguments: args } : { id: event.id, name: event.name, arguments: args },
          ),
        ];
      }
      case 'message-stop':
        return [this.chunk({}, FINISH_REASONS[event.stopReason])];
      case 'usage':
        return this.meta.includeUsage
          ? [{ ...this.base(), choices: [], usage: completionUsage(event.usage) }]
          : [];
      default:
        return [];
    }
  }

  private open(index: number): OpenCall {
    const call = { ordinal: this.calls.size, streamedArguments: false };
    this.calls.set(index, call);
    return call;
  }

  private base(): Omit<ChatCompletionChunk, 'choices'> {
    return {
      id: this.meta.id,
      object: 'chat.completion.chunk',
      created: this.meta.created,
      model: this.meta.model,
      ...(this.meta.includeUsage ? { usage: null } : {}),
    };
  }

  private chunk(delta: ChunkDelta, finishReason: ChatCompletionChunk['choices'][0]['finish_reason'] = null) {
    const withRole: ChunkDelta = this.roleSent ? delta : { role: 'assistant', ...delta };
    this.roleSent = true;
    return {
      ...this.base(),
      choices: [{ index: 0 as const, delta: withRole, logprobs: null, finish_reason: finishReason }],
    };
  }

  private toolChunk(call: OpenCall, part: { id?: string; name?: string; arguments: string }) {
    const toolCall: ChunkToolCall =
      part.id === undefined
        ? { index: call.ordinal, function: { arguments: part.arguments } }
        : {
            index: call.ordinal,
            id: part.id,
            type: 'function',
            function: { name: part.name ?? '', arguments: part.arguments },
          };
    return this.chunk({ tool_calls: [toolCall] });
  }
}
