import type { FastifyReply } from 'fastify';

/**
 * A signal that aborts when the caller goes away before the response is complete, so the Bedrock
 * call stops generating (and billing) tokens nobody will read. The response's `close` is the one
 * that fires on a dropped connection; the request's fires as soon as its body has been read.
 */
export function abortOnDisconnect(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return controller.signal;
}
