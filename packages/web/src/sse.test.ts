import { describe, expect, it } from 'vitest';
import { readSse, type SseEvent, SseParser } from './sse.ts';

function parseAll(chunks: string[]): SseEvent[] {
  const p = new SseParser();
  const out: SseEvent[] = [];
  for (const c of chunks) out.push(...p.feed(c));
  out.push(...p.end());
  return out;
}

describe('SseParser', () => {
  it('parses named events with ids and JSON data', () => {
    const events = parseAll(['id: 1\nevent: token\ndata: {"text":"Hi"}\n\nid: 2\nevent: done\ndata: {}\n\n']);
    expect(events).toEqual([
      { event: 'token', data: '{"text":"Hi"}', id: '1' },
      { event: 'done', data: '{}', id: '2' },
    ]);
  });

  it('defaults the event name to message and joins data lines with LF', () => {
    expect(parseAll(['data: a\ndata: b\ndata:c\n\n'])).toEqual([
      { event: 'message', data: 'a\nb\nc', id: undefined },
    ]);
  });

  it('handles events split anywhere across chunks, including inside field names and CRLF', () => {
    const text = 'id: 7\r\nevent: tok';
    const rest = 'en\r\ndata: {"text":"x"}\r\n\r\n';
    const whole = text + rest;
    for (let cut = 0; cut <= whole.length; cut++) {
      const events = parseAll([whole.slice(0, cut), whole.slice(cut)]);
      expect(events, `cut at ${cut}`).toEqual([{ event: 'token', data: '{"text":"x"}', id: '7' }]);
    }
  });

  it('treats CR alone as a line ending, also when CRLF is split between chunks', () => {
    expect(parseAll(['data: a\r', '\ndata: b\r\r'])).toEqual([
      { event: 'message', data: 'a\nb', id: undefined },
    ]);
    expect(parseAll(['data: a\r', '\r'])).toEqual([{ event: 'message', data: 'a', id: undefined }]);
  });

  it('ignores comments, unknown fields, and events without data', () => {
    expect(parseAll([': keep-alive\n\nevent: ping\n\nfoo: bar\ndata: x\n\n'])).toEqual([
      { event: 'message', data: 'x', id: undefined },
    ]);
  });

  it('removes only one leading space from values; a field without a colon has an empty value', () => {
    expect(parseAll(['data:  two\n\ndata\n\n'])).toEqual([
      { event: 'message', data: ' two', id: undefined },
      { event: 'message', data: '', id: undefined },
    ]);
  });

  it('keeps the last event id across events and ignores ids containing NUL', () => {
    const events = parseAll(['id: 5\ndata: a\n\ndata: b\n\nid: 6\0\ndata: c\n\nid\ndata: d\n\n']);
    expect(events.map((e) => e.id)).toEqual(['5', '5', '5', '']);
  });

  it('reports retry and strips a leading BOM', () => {
    expect(parseAll(['\uFEFFretry: 3000\ndata: x\n\n'])).toEqual([
      { event: 'message', data: 'x', id: undefined, retry: 3000 },
    ]);
  });

  it('discards an unfinished event at the end of the stream', () => {
    expect(parseAll(['data: complete\n\ndata: partial'])).toEqual([
      { event: 'message', data: 'complete', id: undefined },
    ]);
  });

  it('tracks lastEventId for resuming', () => {
    const p = new SseParser();
    p.feed('id: 41\nevent: token\ndata: {}\n\nid: 42\n');
    expect(p.lastEventId).toBe('42');
  });
});

describe('readSse', () => {
  function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
    return new ReadableStream({
      start(controller) {
        for (const c of chunks) controller.enqueue(c);
        controller.close();
      },
    });
  }

  it('decodes UTF-8 split across chunks and returns the last id', async () => {
    const bytes = new TextEncoder().encode('id: 3\nevent: token\ndata: {"text":"héllo ✓"}\n\n');
    const cut = bytes.indexOf(0xc3) + 1; // inside the two bytes of é
    const events: SseEvent[] = [];
    const last = await readSse(streamOf([bytes.slice(0, cut), bytes.slice(cut)]), (e) => events.push(e));
    expect(events).toEqual([{ event: 'token', data: '{"text":"héllo ✓"}', id: '3' }]);
    expect(last).toBe('3');
  });

  it('stops reading when aborted', async () => {
    const enc = new TextEncoder();
    let pulls = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++;
        controller.enqueue(enc.encode(`id: ${pulls}\ndata: ${pulls}\n\n`));
      },
    });
    const ctrl = new AbortController();
    const seen: string[] = [];
    await readSse(
      body,
      (e) => {
        seen.push(e.data);
        if (seen.length === 3) ctrl.abort();
      },
      ctrl.signal,
    );
    expect(seen).toEqual(['1', '2', '3']);
  });
});
