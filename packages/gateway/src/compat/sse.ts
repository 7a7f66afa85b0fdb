import { Readable } from 'node:stream';
import type { ChatEvent, Cost, Usage } from '@strata/bedrock';
import type { FastifyReply } from 'fastify';
import { describeFailure, type Failure } from './failure.js';

/** One Server-Sent Event: an optional `event:` line (Anthropic's style), then its JSON `data:`. */
export const sseFrame = (data: unknown, event?: string): string =>
  `${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`;

/** How one dialect writes a ChatEvent stream as SSE frames. */
export interface SseDialect {
  frames(event: ChatEvent): string[];
  /** Frames after the last event (e.g. OpenAI's `[DONE]`). */
  end(): string[];
  /** The dialect's in-stream error, once headers are out and a status can no longer say it. */
  error(failure: Failure): string[];
}

export interface StreamHooks {
  /** Called with the priced usage, before the frames that close the stream. */
  onUsage(model: string, usage: Usage, cost: Cost): Promise<void>;
  onError(error: unknown): void;
  signal: AbortSignal;
}

/**
 * The SSE body of a chat stream: each event's frames as they arrive, the dialect's end, or — when
 * the stream breaks after it started — the dialect's error frame. A caller that disconnected gets
 * nothing more; its abort already stopped the Bedrock call.
 */
export async function* chatSseFrames(
  events: AsyncIterable<ChatEvent>,
  dialect: SseDialect,
  hooks: StreamHooks,
): AsyncGenerator<string, void, undefined> {
  let model = '';
  try {
    for await (const event of events) {
      if (event.type === 'message-start') model = event.model;
      if (event.type === 'usage') await hooks.onUsage(model, event.usage, event.cost);
      yield* dialect.frames(event);
    }
    yield* dialect.end();
  } catch (error) {
    if (hooks.signal.aborted) return;
    hooks.onError(error);
    yield* dialect.error(describeFailure(error));
  }
}

/**
 * Sends frames as an event stream. Going through `reply.send` with a Readable (rather than a
 * hijacked socket) keeps Fastify's hooks, logging and headers set by earlier hooks; Fastify destroys
 * the Readable when the client disconnects, which ends the generator.
 */
export function sendSse(reply: FastifyReply, frames: AsyncIterable<string>): FastifyReply {
  return (
    reply
      .header('content-type', 'text/event-stream; charset=utf-8')
      .header('cache-control', 'no-cache')
      // Proxies such as nginx buffer responses unless told not to, which would hold back every delta.
      .header('x-accel-buffering', 'no')
      .send(Readable.from(frames))
  );
}
