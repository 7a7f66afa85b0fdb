/**
 * The state every stream decoder shares, whatever its wire format: per-block bookkeeping, turning
 * wire happenings into ChatEvents in a consistent order, usage, and the partial output for errors.
 * Guarantees to consumers: `message-start` comes first (synthesised if the wire has none); every
 * block closes with `content-block-stop` (a message stop closes blocks the wire left open); a tool
 * block's stop is preceded by one `tool-call` with the parsed input.
 *
 * Usage is not an event here: the `usage` ChatEvent carries a cost, which needs prices the decoder
 * does not have. Decoders hand usage back from `finish()`, and the client emits the priced `usage`
 * event last, after `message-stop`, whichever order the wire used (metadata comes either side of it).
 */
import type { PartialOutput, StrataError } from '../errors/strata-error.js';
import type { ChatEvent, StopReason, Usage } from '../types/events.js';
import { MessageCollector, textOf } from './collect-events.js';
import type { DecoderNote } from './decoded.js';
import { streamException } from './stream-exception.js';
import { parseToolInput } from './tool-input.js';

export interface StreamDecoderOptions {
  /** The model ID invoked, reported on `message-start`. */
  model: string;
  requestId?: string;
}

/** How a stream ended: `complete` when the message stop and the usage both arrived. */
export interface StreamEnd {
  complete: boolean;
  usage?: Usage;
  latencyMs?: number;
}

interface OpenTool {
  id: string;
  name: string;
  json: string;
}

export class StreamAssembler {
  readonly notes: DecoderNote[] = [];
  private pending: ChatEvent[] = [];
  private readonly collector = new MessageCollector();
  /** Blocks without their stop yet; tool blocks carry their arguments so far. */
  private readonly open = new Map<number, OpenTool | undefined>();
  private started = false;
  private stopped = false;
  private usage?: Usage;
  private latencyMs?: number;

  constructor(private readonly options: StreamDecoderOptions) {}

  /** The events produced since the last drain. */
  drain(): ChatEvent[] {
    const events = this.pending;
    this.pending = [];
    return events;
  }

  private push(event: ChatEvent): void {
    this.pending.push(event);
    this.collector.add(event);
  }

  private emit(event: ChatEvent): void {
    this.start();
    this.push(event);
  }

  private touch(index: number): void {
    if (!this.open.has(index)) this.open.set(index, undefined);
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    const { model, requestId } = this.options;
    this.push({
      type: 'message-start',
      role: 'assistant',
      model,
      ...(requestId !== undefined ? { requestId } : {}),
    });
  }

  text(index: number, text: string): void {
    this.touch(index);
    if (text !== '') this.emit({ type: 'text-delta', index, text });
  }

  reasoning(index: number, delta: { text?: string; signature?: string; redacted?: Uint8Array }): void {
    this.touch(index);
    const event: ChatEvent & { type: 'reasoning-delta' } = { type: 'reasoning-delta', index };
    if (delta.text) event.text = delta.text;
    if (delta.signature) event.signature = delta.signature;
    if (delta.redacted) event.redacted = delta.redacted;
    if (event.text !== undefined || event.signature !== undefined || event.redacted) this.emit(event);
  }

  toolStart(index: number, id: string, name: string): void {
    this.open.set(index, { id, name, json: '' });
    this.emit({ type: 'tool-call-start', index, id, name });
  }

  toolDelta(index: number, json: string): void {
    let tool = this.open.get(index);
    if (!tool) {
      // Arguments without a start: keep them rather than lose the call (its id and name are unknown).
      tool = { id: '', name: '', json: '' };
      this.open.set(index, tool);
    }
    if (json === '') return;
    tool.json += json;
    this.emit({ type: 'tool-call-delta', index, id: tool.id, partialJson: json });
  }

  stopBlock(index: number): void {
    const tool = this.open.get(index);
    this.open.delete(index);
    if (tool) {
      const { input, valid } = parseToolInput(tool.json);
      if (!valid) this.notes.push({ kind: 'invalid-tool-input', index, id: tool.id, raw: tool.json });
      this.emit({ type: 'tool-call', index, id: tool.id, name: tool.name, input });
    }
    this.emit({ type: 'content-block-stop', index });
  }

  stopMessage(stopReason: StopReason, additionalFields?: Record<string, unknown>): void {
    for (const index of [...this.open.keys()].sort((a, b) => a - b)) this.stopBlock(index);
    this.stopped = true;
    this.emit({ type: 'message-stop', stopReason, ...(additionalFields ? { additionalFields } : {}) });
  }

  guardrail(trace: unknown): void {
    this.emit({ type: 'guardrail', trace });
  }

  /** An exception that arrived as an ordinary stream member, passed on as an `error` event. */
  fail(error: StrataError): void {
    this.emit({ type: 'error', error });
  }

  setUsage(usage: Usage, latencyMs?: number): void {
    this.usage = usage;
    if (latencyMs !== undefined) this.latencyMs = latencyMs;
  }

  get hasUsage(): boolean {
    return this.usage !== undefined;
  }

  end(): StreamEnd {
    const end: StreamEnd = { complete: this.stopped && this.usage !== undefined };
    if (this.usage) end.usage = this.usage;
    if (this.latencyMs !== undefined) end.latencyMs = this.latencyMs;
    return end;
  }

  snapshot(): PartialOutput {
    const content = this.collector.content();
    return { content, text: textOf(content) };
  }

  exception(member: string, payload: unknown): StrataError {
    const { requestId } = this.options;
    return streamException(member, payload, {
      partial: this.snapshot(),
      ...(requestId !== undefined ? { requestId } : {}),
    });
  }
}

/** What every stream decoder offers besides reading its own wire format. */
export abstract class StreamDecoderBase {
  protected readonly assembler: StreamAssembler;

  constructor(options: StreamDecoderOptions) {
    this.assembler = new StreamAssembler(options);
  }

  /** What arrived and could not be mapped (unknown events, invalid tool JSON…), for logging. */
  get notes(): readonly DecoderNote[] {
    return this.assembler.notes;
  }

  /** An exception frame (`:message-type = exception`) as the error to raise, with the output so far. */
  exception(type: string, payload: unknown): StrataError {
    return this.assembler.exception(type, payload);
  }

  /** Call when the stream ends: whether it was whole, and its usage for the client to price. */
  finish(): StreamEnd {
    return this.assembler.end();
  }

  /** The content so far, for errors that carry partial output. */
  snapshot(): PartialOutput {
    return this.assembler.snapshot();
  }
}
