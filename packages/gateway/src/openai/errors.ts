import type { Failure } from '../compat/failure.js';
import type { OpenAiErrorBody } from './types.js';

/** OpenAI's error `type` per status; OpenAI reports an unknown model as an invalid request. */
function errorType(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

/** Library codes where OpenAI has its own name for the same thing. */
const OPENAI_CODES: Record<string, string> = { rate_limited: 'rate_limit_exceeded' };

/** A failure as OpenAI's `{ error: { message, type, param, code } }`, in bodies and stream lines alike. */
export function openAiErrorBody(failure: Failure): OpenAiErrorBody {
  const code = failure.code === null ? null : (OPENAI_CODES[failure.code] ?? failure.code);
  return { error: { message: failure.message, type: errorType(failure.status), param: failure.param, code } };
}
