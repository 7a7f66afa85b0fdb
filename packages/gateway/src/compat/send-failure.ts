import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { describeFailure, type Failure } from './failure.js';

/**
 * A route-scoped Fastify error handler answering in one API dialect: every error (schema
 * validation, bad JSON, typed library errors, bugs) becomes that dialect's error body with the
 * mapped status and, when the upstream said when, `retry-after` (seconds, as HTTP has it) plus
 * `retry-after-ms` (which both official SDKs prefer).
 */
export function dialectErrorHandler(toBody: (failure: Failure) => unknown) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const failure = describeFailure(error);
    if (failure.status >= 500) request.log.error({ err: error }, 'compat API request failed');
    else request.log.info({ err: error }, 'compat API request refused');
    if (failure.retryAfterMs !== undefined) {
      reply.header('retry-after', String(Math.max(1, Math.ceil(failure.retryAfterMs / 1000))));
      reply.header('retry-after-ms', String(failure.retryAfterMs));
    }
    return reply.status(failure.status).send(toBody(failure));
  };
}
