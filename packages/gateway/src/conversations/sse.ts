import type { ServerResponse } from 'node:http';

/** Opens a Server-Sent Events response on the raw socket (the route has hijacked the reply). */
export function openSse(res: ServerResponse): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.flushHeaders();
}

/** One SSE event; `id` lets a client resume with Last-Event-ID. */
export function writeSse(res: ServerResponse, event: string, data: unknown, id?: number): void {
  if (res.destroyed || res.writableEnded) return;
  res.write(`${id !== undefined ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}
