import type { Failure } from '../compat/failure.js';
import type { AnthropicErrorBody } from './types.js';

/** Anthropic's error `type` per status (its documented set; 503 is what Bedrock calls overloaded). */
function errorType(status: number): string {
  switch (status) {
    case 401:
      return 'authentication_error';
    case 403:
      return 'permission_error';
    case 404:
      return 'not_found_error';
    case 413:
      return 'request_too_large';
    case 429:
      return 'rate_limit_error';
    case 503:
      return 'overloaded_error';
    default:
      return status >= 500 ? 'api_error' : 'invalid_request_error';
  }
}

/** A failure as Anthropic's `{ type: 'error', error: { type, message } }`, in bodies and `event: error` alike. */
export const anthropicErrorBody = (failure: Failure): AnthropicErrorBody => ({
  type: 'error',
  error: { type: errorType(failure.status), message: failure.message },
});
