/**
 * A Server-Sent Events parser for `fetch` response bodies (EventSource cannot POST or send headers).
 * It follows the WHATWG "event stream interpretation": lines end in CRLF, LF or CR; `:` starts a
 * comment; one space after the colon is dropped; `data` lines join with LF; an event is dispatched
 * on a blank line and only when it has data; `id` persists across events (one containing NUL is
 * ignored); an unfinished event at end of stream is discarded.
 */

export interface SseEvent {
  /** The `event:` field, or `message` when absent. */
  event: string;
  data: string;
  /** The last `id:` seen on the stream so far (the Last-Event-ID), or undefined before any. */
  id: string | undefined;
  /** A `retry:` value in milliseconds, when this event carried one. */
  retry?: number;
}

export class SseParser {
  private buffer = '';
  private started = false;
  /** The previous chunk ended in CR: a LF opening the next chunk belongs to that line ending. */
  private pendingCr = false;
  private eventType = '';
  private data: string[] = [];
  private hasData = false;
  private retry: number | undefined;
  private lastId: string | undefined;

  /** The Last-Event-ID so far (for resuming). */
  get lastEventId(): string | undefined {
    return this.lastId;
  }

  /** Feeds decoded text; returns the events completed by it, in order. */
  feed(chunk: string): SseEvent[] {
    const out: SseEvent[] = [];
    let text = chunk;
    if (this.pendingCr && text.startsWith('\n')) text = text.slice(1);
    this.pendingCr = false;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.buffer += text;
    let start = 0;
    const buf = this.buffer;
    for (let i = 0; i < buf.length; i++) {
      const ch = buf.charCodeAt(i);
      if (ch !== 10 && ch !== 13) continue;
      this.line(buf.slice(start, i), out);
      if (ch === 13) {
        if (i + 1 < buf.length) {
          if (buf.charCodeAt(i + 1) === 10) i++;
        } else {
          this.pendingCr = true;
        }
      }
      start = i + 1;
    }
    this.buffer = buf.slice(start);
    return out;
  }

  /** Ends the stream: a trailing event without its blank line is discarded, as the spec says. */
  end(): SseEvent[] {
    this.buffer = '';
    this.resetEvent();
    return [];
  }

  private line(line: string, out: SseEvent[]): void {
    if (line === '') {
      this.dispatch(out);
      return;
    }
    if (line.charCodeAt(0) === 58 /* : */) return;
    const colon = line.indexOf(':');
    let field: string;
    let value: string;
    if (colon === -1) {
      field = line;
      value = '';
    } else {
      field = line.slice(0, colon);
      value = line.slice(colon + 1);
      if (value.charCodeAt(0) === 32) value = value.slice(1);
    }
    switch (field) {
      case 'event':
        this.eventType = value;
        break;
      case 'data':
        this.data.push(value);
        this.hasData = true;
        break;
      case 'id':
        if (!value.includes('\0')) this.lastId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.retry = Number(value);
        break;
      default:
        break;
    }
  }

  private dispatch(out: SseEvent[]): void {
    if (this.hasData) {
      const event: SseEvent = {
        event: this.eventType || 'message',
        data: this.data.join('\n'),
        id: this.lastId,
      };
      if (this.retry !== undefined) event.retry = this.retry;
      out.push(event);
    }
    this.resetEvent();
  }

  private resetEvent(): void {
    this.eventType = '';
    this.data = [];
    this.hasData = false;
    this.retry = undefined;
  }
}

/**
 * Reads an event stream to its end (or until `signal` aborts), calling `onEvent` for each event.
 * Resolves with the last event id seen; rejects when the connection fails.
 */
export async function readSse(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: SseEvent) => void,
  signal?: AbortSignal,
): Promise<string | undefined> {
  const parser = new SseParser();
  const decoder = new TextDecoder();
  const reader = body.getReader();
  const onAbort = () => {
    reader.cancel().catch(() => {});
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      if (signal?.aborted) break;
      const { done, value } = await reader.read();
      if (done) break;
      for (const event of parser.feed(decoder.decode(value, { stream: true }))) {
        onEvent(event);
        if (signal?.aborted) break;
      }
    }
    if (!signal?.aborted) for (const event of parser.feed(decoder.decode())) onEvent(event);
    parser.end();
    return parser.lastEventId;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    reader.releaseLock();
  }
}
