import {
  AccessDeniedError,
  AuthenticationError,
  ContextLengthError,
  ModelNotFoundError,
  ModelStreamError,
  ModelTimeoutError,
  OnDemandNotSupportedError,
  type PartialOutput,
  ProviderError,
  RateLimitError,
  ServiceUnavailableError,
  type StrataError,
  ValidationError,
} from './strata-error.js';

/** What Bedrock told us about a failure, from an HTTP error or an exception frame. */
export interface BedrockFailure {
  /** The error shape name: `ThrottlingException`, `ValidationException`, … */
  type: string;
  status?: number;
  message: string;
  requestId?: string;
  retryAfterMs?: number;
  /** The model asked for, and a profile to suggest for on-demand errors. */
  modelId?: string;
  suggestedProfile?: string;
  partial?: PartialOutput;
}

/** Exception-frame member names (`throttlingException`) to shape names (`ThrottlingException`). */
export const shapeNameOf = (member: string): string => member.charAt(0).toUpperCase() + member.slice(1);

const CONTEXT_PATTERNS = [
  /prompt is too long: (\d+) tokens > (\d+) maximum/i,
  /input is too long/i,
  /too many (input )?tokens/i,
  /maximum context length/i,
];

function contextLength(
  failure: BedrockFailure,
  base: { status?: number; requestId?: string },
): ContextLengthError | undefined {
  if (!CONTEXT_PATTERNS.some((p) => p.test(failure.message))) return undefined;
  const numbers = CONTEXT_PATTERNS[0]?.exec(failure.message);
  const requestTokens = numbers ? Number(numbers[1]) : undefined;
  const maxTokens = numbers ? Number(numbers[2]) : undefined;
  return new ContextLengthError(
    `The input is longer than the model's context window${requestTokens ? ` (${requestTokens} tokens > ${maxTokens})` : ''}. Shorten the conversation or system prompt, or use a model with a larger context window. Bedrock said: ${failure.message}`,
    {
      ...base,
      ...(requestTokens !== undefined ? { requestTokens } : {}),
      ...(maxTokens !== undefined ? { maxTokens } : {}),
    },
  );
}

/** The field a ValidationException names, in either of Bedrock's phrasings. */
function validationPath(message: string): string | undefined {
  const smithy = /at '([^']+)' failed to satisfy/.exec(message);
  if (smithy?.[1]) return smithy[1].replace(/\.member/g, '');
  const business = /at (messages\.\d+(?:\.content(?:\.\d+)?)?)/.exec(message);
  return business?.[1];
}

/**
 * Maps a Bedrock failure to the one error class a caller should handle, with the facts parsed out
 * of the message and a message that says how to fix it.
 */
export function fromBedrockFailure(failure: BedrockFailure): StrataError {
  const { type, message } = failure;
  const base = {
    ...(failure.status !== undefined ? { status: failure.status } : {}),
    ...(failure.requestId !== undefined ? { requestId: failure.requestId } : {}),
  };
  switch (type) {
    case 'ThrottlingException':
    case 'ModelNotReadyException':
      return new RateLimitError(
        `Bedrock is throttling requests (${type}). Slow down, or ask AWS for a higher quota. Bedrock said: ${message}`,
        {
          ...base,
          ...(failure.retryAfterMs !== undefined ? { retryAfterMs: failure.retryAfterMs } : {}),
        },
      );
    case 'ServiceQuotaExceededException':
      return new RateLimitError(
        `A Bedrock service quota is exhausted. Request a quota increase in the Service Quotas console. Bedrock said: ${message}`,
        {
          ...base,
          retryable: false,
        },
      );
    case 'AccessDeniedException':
      // Bedrock answers a bad or missing API key with AccessDeniedException; it is an auth problem.
      if (/authentication failed|api key|authorization header is missing/i.test(message)) {
        return new AuthenticationError(
          `Bedrock rejected the API key. Check AWS_BEARER_TOKEN_BEDROCK or the apiKey option (keys expire; short-term keys last 12 hours at most). Bedrock said: ${message}`,
          base,
        );
      }
      return new AccessDeniedError(
        /model/i.test(message)
          ? `Access to this model is not granted. Enable it under Bedrock → Model access in the AWS console for this region, and check that your IAM policy allows bedrock:InvokeModel. Bedrock said: ${message}`
          : `Your AWS identity may not call this Bedrock operation. Check its IAM policy. Bedrock said: ${message}`,
        base,
      );
    case 'UnrecognizedClientException':
    case 'MissingAuthenticationTokenException':
    case 'ExpiredTokenException':
    case 'InvalidSignatureException': {
      const hint = /expired/i.test(message)
        ? /signature/i.test(message)
          ? "Check the machine's clock: the request's time is too far from AWS's."
          : 'Refresh the credentials (for SSO: aws sso login).'
        : 'Check the access key, secret and session token in use (strata doctor shows which source won).';
      return new AuthenticationError(
        `Bedrock rejected the credentials (${type}). ${hint} Bedrock said: ${message}`,
        base,
      );
    }
    case 'ResourceNotFoundException':
      return new ModelNotFoundError(
        `Bedrock could not find the model${failure.modelId ? ` "${failure.modelId}"` : ''} in this region. Check the ID, the region, and that the model is offered there. Bedrock said: ${message}`,
        base,
      );
    case 'ModelTimeoutException':
      return new ModelTimeoutError(
        `The model timed out. Try again, or ask for a shorter output. Bedrock said: ${message}`,
        base,
      );
    case 'ServiceUnavailableException':
      return new ServiceUnavailableError(
        `Bedrock is unavailable right now; try again shortly. Bedrock said: ${message}`,
        base,
      );
    case 'InternalServerException':
      return new ProviderError(
        `Bedrock failed internally; the request may be retried. Bedrock said: ${message}`,
        { ...base, retryable: true },
      );
    case 'ModelStreamErrorException':
      return new ModelStreamError(`The model's stream failed. Bedrock said: ${message}`, {
        ...base,
        ...(failure.partial ? { partial: failure.partial } : {}),
      });
    case 'ValidationException': {
      if (/on-demand throughput isn.t supported/i.test(message)) {
        const profile = failure.suggestedProfile;
        return new OnDemandNotSupportedError(
          `This model is only served through an inference profile.${profile ? ` Use "${profile}" instead (Strata routes bare IDs to it automatically when it knows the model).` : ' Use a us./eu./apac./global. inference profile ID or ARN that contains it.'} Bedrock said: ${message}`,
          {
            ...base,
            ...(failure.modelId ? { modelId: failure.modelId } : {}),
            ...(profile ? { profileId: profile } : {}),
          },
        );
      }
      const tooLong = contextLength(failure, base);
      if (tooLong) return tooLong;
      if (/model identifier is invalid/i.test(message)) {
        return new ModelNotFoundError(
          `Bedrock does not know this model identifier. Bedrock said: ${message}`,
          base,
        );
      }
      const path = validationPath(message);
      return new ValidationError(`Bedrock rejected the request${path ? ` at ${path}` : ''}: ${message}`, {
        ...base,
        ...(path ? { path } : {}),
      });
    }
    default: {
      const status = failure.status ?? 0;
      const retryable = status === 408 || status === 429 || status >= 500;
      return new ProviderError(`Bedrock answered ${status || 'an error'} ${type}: ${message}`, {
        ...base,
        retryable,
      });
    }
  }
}
