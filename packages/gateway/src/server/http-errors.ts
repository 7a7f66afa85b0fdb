import { StrataError } from '@strata/bedrock';

/** The HTTP status for a library error: what a client of the gateway should see. */
export function statusOf(error: StrataError): number {
  switch (error.code) {
    case 'validation_error':
    case 'context_length_exceeded':
    case 'on_demand_not_supported':
      return 400;
    case 'authentication_error':
      return 401;
    case 'access_denied':
      return 403;
    case 'model_not_found':
      return 404;
    case 'rate_limited':
      return 429;
    case 'model_timeout':
      return 504;
    case 'service_unavailable':
      return 503;
    default:
      return 502;
  }
}

/** The gateway's own error body: `{ error: { code, message } }`, never a stack. */
export function errorBody(error: unknown): {
  status: number;
  body: { error: { code: string; message: string } };
} {
  if (error instanceof StrataError)
    return { status: statusOf(error), body: { error: { code: error.code, message: error.message } } };
  const e = error as { statusCode?: number; code?: string; message?: string; validation?: unknown };
  if (e?.validation || (e?.statusCode && e.statusCode < 500)) {
    return {
      status: e.statusCode ?? 400,
      body: { error: { code: e.code ?? 'bad_request', message: e.message ?? 'Bad request' } },
    };
  }
  return {
    status: 500,
    body: {
      error: { code: 'internal_error', message: 'The gateway failed unexpectedly; the error was logged.' },
    },
  };
}

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
