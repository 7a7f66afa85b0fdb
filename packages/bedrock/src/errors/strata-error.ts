import type { ContentBlock } from '../types/content.js';

/** The facts every Strata error carries. */
export interface StrataErrorOptions {
  status?: number;
  requestId?: string;
  retryable?: boolean;
  cause?: unknown;
}

/**
 * The root of every error the library throws. `code` is stable (switch on it, not on messages);
 * messages say what went wrong and how to fix it, and never contain a secret.
 */
export class StrataError extends Error {
  readonly code: string = 'strata_error';
  readonly status?: number;
  readonly requestId?: string;
  readonly retryable: boolean;

  constructor(message: string, options: StrataErrorOptions = {}) {
    super(message, options.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = new.target.name;
    if (options.status !== undefined) this.status = options.status;
    if (options.requestId !== undefined) this.requestId = options.requestId;
    this.retryable = options.retryable ?? false;
  }
}

/** Invalid, missing or expired credentials (incl. an expired SSO session). */
export class AuthenticationError extends StrataError {
  override readonly code = 'authentication_error';
}

/** The identity may not call this (IAM), or model access was not granted in the console. */
export class AccessDeniedError extends StrataError {
  override readonly code = 'access_denied';
}

export class RateLimitError extends StrataError {
  override readonly code = 'rate_limited';
  readonly retryAfterMs?: number;
  constructor(message: string, options: StrataErrorOptions & { retryAfterMs?: number } = {}) {
    super(message, { retryable: true, ...options });
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}

export class ContextLengthError extends StrataError {
  override readonly code = 'context_length_exceeded';
  readonly requestTokens?: number;
  readonly maxTokens?: number;
  constructor(
    message: string,
    options: StrataErrorOptions & { requestTokens?: number; maxTokens?: number } = {},
  ) {
    super(message, options);
    if (options.requestTokens !== undefined) this.requestTokens = options.requestTokens;
    if (options.maxTokens !== undefined) this.maxTokens = options.maxTokens;
  }
}

export class ModelNotFoundError extends StrataError {
  override readonly code = 'model_not_found';
  /** Known IDs and aliases close to the one asked for. */
  readonly suggestions: string[];
  constructor(message: string, options: StrataErrorOptions & { suggestions?: string[] } = {}) {
    super(message, options);
    this.suggestions = options.suggestions ?? [];
  }
}

/** The model needs an inference profile; `profileId` is the one to use in the caller's region. */
export class OnDemandNotSupportedError extends StrataError {
  override readonly code = 'on_demand_not_supported';
  readonly modelId?: string;
  readonly profileId?: string;
  constructor(message: string, options: StrataErrorOptions & { modelId?: string; profileId?: string } = {}) {
    super(message, options);
    if (options.modelId !== undefined) this.modelId = options.modelId;
    if (options.profileId !== undefined) this.profileId = options.profileId;
  }
}

/** The request is invalid; `path` names the field (e.g. `messages.2.content.0.text`) when known. */
export class ValidationError extends StrataError {
  override readonly code = 'validation_error';
  readonly path?: string;
  constructor(message: string, options: StrataErrorOptions & { path?: string } = {}) {
    super(message, options);
    if (options.path !== undefined) this.path = options.path;
  }
}

export class ModelTimeoutError extends StrataError {
  override readonly code = 'model_timeout';
  constructor(message: string, options: StrataErrorOptions = {}) {
    super(message, { retryable: true, ...options });
  }
}

export class ServiceUnavailableError extends StrataError {
  override readonly code = 'service_unavailable';
  constructor(message: string, options: StrataErrorOptions = {}) {
    super(message, { retryable: true, ...options });
  }
}

/** Output received before a stream failed, so callers can keep or show it. */
export interface PartialOutput {
  content: ContentBlock[];
  text: string;
}

/** The stream broke: an exception frame, a reset, or an end without its closing events. */
export class ModelStreamError extends StrataError {
  override readonly code: string = 'model_stream_error';
  readonly partial?: PartialOutput;
  constructor(message: string, options: StrataErrorOptions & { partial?: PartialOutput } = {}) {
    super(message, options);
    if (options.partial !== undefined) this.partial = options.partial;
  }
}

/** No event arrived within the idle or first-byte timeout. */
export class StreamStalledError extends ModelStreamError {
  override readonly code = 'stream_stalled';
}

export class AbortError extends StrataError {
  override readonly code = 'aborted';
}

/** Anything else Bedrock or the network answered that has no better class. */
export class ProviderError extends StrataError {
  override readonly code = 'provider_error';
}
