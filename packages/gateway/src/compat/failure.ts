import { StrataError } from '@strata/bedrock';

/**
 * A failure described once, independent of the API dialect that reports it: the HTTP status, a
 * message safe to show the caller, and the facts the dialects expose (`code`, `param`, retry hint).
 */
export interface Failure {
  status: number;
  message: string;
  /** The library's stable error code (`context_length_exceeded`, `model_not_found`, …), when there is one. */
  code: string | null;
  /** The request field at fault, dotted (`messages.2.content`), when known. */
  param: string | null;
  retryAfterMs?: number;
}

/**
 * HTTP status per StrataError code. Bedrock's refusals of the request itself are the caller's to
 * fix (4xx); timeouts and overload keep their gateway meaning (504, 503); everything else that
 * went wrong upstream is a bad gateway (502), never a bare 500.
 */
const STATUS_BY_CODE: Record<string, number> = {
  validation_error: 400,
  context_length_exceeded: 400,
  // Normally routed for the caller; when it still happens, the caller must name the profile instead.
  on_demand_not_supported: 400,
  authentication_error: 401,
  access_denied: 403,
  model_not_found: 404,
  rate_limited: 429,
  service_unavailable: 503,
  model_timeout: 504,
  stream_stalled: 504,
  // The only signal the routes pass is their client-disconnect one: nginx's "client closed request".
  aborted: 499,
};

const UNEXPECTED = 'The gateway failed unexpectedly; the details are in its log.';

interface ValidationItem {
  instancePath?: string;
}

/** `/messages/0/role` → `messages.0.role`. */
const dotted = (pointer: string): string | null => (pointer ? pointer.slice(1).replaceAll('/', '.') : null);

function fromStrata(error: StrataError): Failure {
  const retryAfterMs = (error as { retryAfterMs?: unknown }).retryAfterMs;
  const path = (error as { path?: unknown }).path;
  return {
    status: STATUS_BY_CODE[error.code] ?? 502,
    message: error.message,
    code: error.code,
    param: typeof path === 'string' ? path : null,
    ...(typeof retryAfterMs === 'number' ? { retryAfterMs } : {}),
  };
}

/**
 * Describes any error a compat route can meet: the library's typed errors, Fastify's own client
 * errors (schema validation, unparsable JSON, body too large, wrong content type), and anything else
 * — a bug — as a 500 whose message hides the internals (the stack goes to the log, not the caller).
 */
export function describeFailure(error: unknown): Failure {
  if (error instanceof StrataError) return fromStrata(error);
  const fields = (typeof error === 'object' && error !== null ? error : {}) as {
    statusCode?: unknown;
    message?: unknown;
    validation?: ValidationItem[];
  };
  const message = typeof fields.message === 'string' ? fields.message : String(error);
  if (Array.isArray(fields.validation)) {
    return { status: 400, message, code: null, param: dotted(fields.validation[0]?.instancePath ?? '') };
  }
  const status = fields.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status, message, code: null, param: null };
  }
  return { status: 500, message: UNEXPECTED, code: null, param: null };
}
