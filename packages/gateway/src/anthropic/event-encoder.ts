import type { ChatEvent, StopReason } from '@strata/bedrock';
import { anthropicUsage, noUsage, redactedData, STOP_REASONS, stopSequenceOf } from './mappings.js';
import type { MessageMeta } from './to-message.js';
import type { AnthropicUsage, BlockDelta, ResponseBlock, StreamEvent } from './types.js';

type Kind = 'text' | 'thinking' | 'redacted' | 'tool_use';

interface OpenBlock {
  kind: Kind;
  /** The block's position in Anthropic's content array. */
  index: number;
  /** Redacted thinking has no delta form: its bytes are collected and sent whole when it ends. */
  redacted: Uint8Array[];
  /** Whether input JSON fragments were sent; if not, the complete input is sent when the call ends. */
  streamedInput: boolean;
}

/**
 * Turns a ChatEvent stream into Anthropic's stream events, one stream per instance. Bedrock numbers
 * blocks by its own index, which may skip or reuse numbers; Anthropic clients place blocks by
 * position, so blocks are renumbered in the order they open. Bedrock reports usage only at the end,
 * so `message_start` carries zeros and `message_delta` the whole usage (the SDK takes it from there).
 */
export class AnthropicEventEncoder {
  private started = false;
  private ended = false;
  private nextIndex = 0;
  private readonly open = new Map<number, OpenBlock>();
  private stopReason: StopReason = 'end_turn';
  private stopSequence: string | null = null;

  constructor(private readonly meta: MessageMeta) {}

  push(event: ChatEvent): StreamEvent[] {
    if (this.ended) return [];
    const out = this.start();
    switch (event.type) {
      case 'text-delta':
        if (event.text !== '') this.delta(out, event.index, 'text', { type: 'text_delta', text: event.text });
        break;
      case 'reasoning-delta':
        if (event.redacted) this.ensure(out, event.index, 'redacted').redacted.push(event.redacted);
        if (event.text) {
          this.delta(out, event.index, 'thinking', { type: 'thinking_delta', thinking: event.text });
        }
        if (event.signature) {
          this.delta(out, event.index, 'thinking', { type: 'signature_delta', signature: event.signature });
        }
        break;
      case 'tool-call-start':
        this.ensure(out, event.index, 'tool_use', { id: event.id, name: event.name });
        break;
      case 'tool-call-delta': {
        const block = this.open.get(event.index);
        // Without its start the call has no name yet; the closing `tool-call` sends it whole.
        if (block?.kind !== 'tool_use' || event.partialJson === '') break;
        block.streamedInput = true;
        out.push(this.deltaEvent(block, { type: 'input_json_delta', partial_json: event.partialJson }));
        break;
      }
      case 'tool-call': {
        const block = this.ensure(out, event.index, 'tool_use', { id: event.id, name: event.name });
        if (!block.streamedInput) {
          block.streamedInput = true;
          const json = JSON.stringify(event.input ?? {});
          out.push(this.deltaEvent(block, { type: 'input_json_delta', partial_json: json }));
        }
        break;
      }
      case 'content-block-stop':
        this.close(out, event.index);
        break;
      case 'message-stop':
        this.stopReason = event.stopReason;
        this.stopSequence = stopSequenceOf(event.additionalFields);
        break;
      case 'usage':
        this.finishMessage(out, anthropicUsage(event.usage));
        break;
    }
    return out;
  }

  /** Closes a stream that ended without usage (some native models report none). */
  end(): StreamEvent[] {
    if (this.ended) return [];
    const out = this.start();
    this.finishMessage(out, noUsage());
    return out;
  }

  private start(): StreamEvent[] {
    if (this.started) return [];
    this.started = true;
    return [
      {
        type: 'message_start',
        message: {
          id: this.meta.id,
          type: 'message',
          role: 'assistant',
          model: this.meta.model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: noUsage(),
        },
      },
    ];
  }

  private finishMessage(out: StreamEvent[], usage: AnthropicUsage): void {
    for (const index of [...this.open.keys()]) this.close(out, index);
    out.push(
      {
        type: 'message_delta',
        delta: { stop_reason: STOP_REASONS[this.stopReason], stop_sequence: this.stopSequence },
        usage,
      },
      { type: 'message_stop' },
    );
    this.ended = true;
  }

  /**
   * The open block at Bedrock's `index` if it is of `kind`; otherwise the one there is closed and a
   * new block opened (redacted thinking opens silently: its start is sent with its data).
   */
  private ensure(
    out: StreamEvent[],
    index: number,
    kind: Kind,
    tool?: { id: string; name: string },
  ): OpenBlock {
    const current = this.open.get(index);
    if (current?.kind === kind) return current;
    if (current) this.close(out, index);
    const block: OpenBlock = { kind, index: this.nextIndex++, redacted: [], streamedInput: false };
    this.open.set(index, block);
    const first = startBlock(kind, tool);
    if (first) out.push({ type: 'content_block_start', index: block.index, content_block: first });
    return block;
  }

  private delta(out: StreamEvent[], index: number, kind: Kind, delta: BlockDelta): void {
    out.push(this.deltaEvent(this.ensure(out, index, kind), delta));
  }

  private deltaEvent(block: OpenBlock, delta: BlockDelta): StreamEvent {
    return { type: 'content_block_delta', index: block.index, delta };
  }

  private close(out: StreamEvent[], index: number): void {
    const block = this.open.get(index);
    if (!block) return;
    this.open.delete(index);
    if (block.kind === 'redacted') {
      const data = redactedData(Buffer.concat(block.redacted));
      out.push({
        type: 'content_block_start',
        index: block.index,
        content_block: { type: 'redacted_thinking', data },
      });
    }
    out.push({ type: 'content_block_stop', index: block.index });
  }
}

function startBlock(kind: Kind, tool?: { id: string; name: string }): ResponseBlock | undefined {
  switch (kind) {
    case 'text':
      return { type: 'text', text: '' };
    case 'thinking':
      return { type: 'thinking', thinking: '', signature: '' };
    case 'tool_use':
      return { type: 'tool_use', id: tool?.id ?? '', name: tool?.name ?? '', input: {} };
    case 'redacted':
      return undefined;
  }
}
