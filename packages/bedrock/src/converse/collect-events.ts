/**
 * Builds the assistant message from a ChatEvent stream: `chat()` is `stream()` run through this, and
 * the stream decoders use it for the partial output an error carries, so there is one way to assemble
 * a reply. Blocks are keyed by their index; a delta of another kind at a used index opens a new block
 * rather than mixing kinds. Empty text blocks are dropped: models stream `""` deltas as artefacts, and
 * Bedrock rejects blank text when the message is sent back in the next turn.
 */
import type { StrataError } from '../errors/strata-error.js';
import type { ContentBlock, Message } from '../types/content.js';
import type { ChatEvent, ChatResult, Cost, StopReason, Usage } from '../types/events.js';
import { parseToolInput } from './tool-input.js';
import { emptyUsage } from './usage.js';

type Building =
  | { type: 'text'; text: string }
  | { type: 'reasoning'; text: string; signature?: string }
  | { type: 'redacted'; parts: Uint8Array[] }
  | { type: 'tool'; id: string; name: string; json: string; input?: unknown; done: boolean };

interface Slot {
  index: number;
  block: Building;
}

/** `chat()`'s result: ChatResult (less the routing note, which the client adds) plus what the stream told. */
export type CollectedResult = Omit<ChatResult, 'routedVia'> & {
  latencyMs?: number;
  additionalFields?: Record<string, unknown>;
};

const NO_COST: Cost = {
  input: 0,
  output: 0,
  cacheRead: 0,
  cacheWrite: 0,
  total: 0,
  cacheSavings: 0,
  currency: 'USD',
};

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function finished(block: Building): ContentBlock | undefined {
  switch (block.type) {
    case 'text':
      return block.text === '' ? undefined : { type: 'text', text: block.text };
    case 'reasoning':
      if (block.text === '' && block.signature === undefined) return undefined;
      return block.signature === undefined
        ? { type: 'reasoning', text: block.text }
        : { type: 'reasoning', text: block.text, signature: block.signature };
    case 'redacted':
      return { type: 'redacted-reasoning', data: concat(block.parts) };
    case 'tool':
      return {
        type: 'tool-use',
        id: block.id,
        name: block.name,
        input: block.done ? block.input : parseToolInput(block.json).input,
      };
  }
}

export class MessageCollector {
  private readonly slots: Slot[] = [];
  private readonly latest = new Map<number, Slot>();
  private stopReason?: StopReason;
  private additionalFields?: Record<string, unknown>;
  private usage?: Usage;
  private cost?: Cost;
  private latencyMs?: number;
  private model = '';
  private requestId?: string;
  private error?: StrataError;

  /** The slot at `index` if it holds a `type` block, else a new one (a new kind at a used index). */
  private slot<T extends Building['type']>(
    index: number,
    type: T,
    create: () => Building,
  ): Building & { type: T } {
    const current = this.latest.get(index);
    if (current?.block.type === type) return current.block as Building & { type: T };
    const slot = { index, block: create() };
    this.slots.push(slot);
    this.latest.set(index, slot);
    return slot.block as Building & { type: T };
  }

  add(event: ChatEvent): void {
    switch (event.type) {
      case 'message-start':
        this.model = event.model;
        if (event.requestId !== undefined) this.requestId = event.requestId;
        return;
      case 'text-delta':
        this.slot(event.index, 'text', () => ({ type: 'text', text: '' })).text += event.text;
        return;
      case 'reasoning-delta':
        if (event.redacted)
          this.slot(event.index, 'redacted', () => ({ type: 'redacted', parts: [] })).parts.push(
            event.redacted,
          );
        if (event.text !== undefined || event.signature !== undefined) {
          const block = this.slot(event.index, 'reasoning', () => ({ type: 'reasoning', text: '' }));
          block.text += event.text ?? '';
          if (event.signature !== undefined) block.signature = (block.signature ?? '') + event.signature;
        }
        return;
      case 'tool-call-start':
        this.slot(event.index, 'tool', () => ({
          type: 'tool',
          id: event.id,
          name: event.name,
          json: '',
          done: false,
        }));
        return;
      case 'tool-call-delta':
        this.slot(event.index, 'tool', () => ({
          type: 'tool',
          id: event.id,
          name: '',
          json: '',
          done: false,
        })).json += event.partialJson;
        return;
      case 'tool-call': {
        const block = this.slot(event.index, 'tool', () => ({
          type: 'tool',
          id: event.id,
          name: '',
          json: '',
          done: false,
        }));
        Object.assign(block, { id: event.id, name: event.name, input: event.input, done: true });
        return;
      }
      case 'message-stop':
        this.stopReason = event.stopReason;
        if (event.additionalFields) this.additionalFields = event.additionalFields;
        return;
      case 'usage':
        this.usage = event.usage;
        this.cost = event.cost;
        if (event.latencyMs !== undefined) this.latencyMs = event.latencyMs;
        return;
      case 'error':
        this.error ??= event.error;
        return;
      case 'content-block-stop':
      case 'guardrail':
        return;
    }
  }

  /** The content so far, in block order. */
  content(): ContentBlock[] {
    return [...this.slots].sort((a, b) => a.index - b.index).flatMap((slot) => finished(slot.block) ?? []);
  }

  /** The collected reply; throws the stream's error if it carried one. */
  result(): CollectedResult {
    if (this.error) throw this.error;
    const message: Message & { role: 'assistant' } = { role: 'assistant', content: this.content() };
    const result: CollectedResult = {
      message,
      stopReason: this.stopReason ?? 'end_turn',
      usage: this.usage ?? emptyUsage(),
      cost: this.cost ?? NO_COST,
      model: this.model,
    };
    if (this.requestId !== undefined) result.requestId = this.requestId;
    if (this.latencyMs !== undefined) result.latencyMs = this.latencyMs;
    if (this.additionalFields) result.additionalFields = this.additionalFields;
    return result;
  }
}

/** The visible text of some content: its text blocks run together. */
export const textOf = (content: ContentBlock[]): string =>
  content.map((block) => (block.type === 'text' ? block.text : '')).join('');

/** A finished event stream as one reply (what `chat()` returns). */
export function collect(events: Iterable<ChatEvent>): CollectedResult {
  const collector = new MessageCollector();
  for (const event of events) collector.add(event);
  return collector.result();
}
