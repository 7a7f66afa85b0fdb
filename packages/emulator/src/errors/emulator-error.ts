/**
 * An error the emulator answers with, shaped as Bedrock's restJson1 errors are:
 * status code, `x-amzn-ErrorType` header and a JSON body with `message` (plus any extra members).
 */
export class EmulatorError extends Error {
  constructor(
    readonly status: number,
    /** The Smithy error shape name, e.g. `ValidationException`. */
    readonly type: string,
    message: string,
    /** Extra body members, e.g. `originalStatusCode` on ModelErrorException. */
    readonly extra: Record<string, unknown> = {},
    /** Extra response headers, e.g. `Retry-After` on throttling. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = type;
  }

  /** The body Bedrock sends for this error. */
  body(): Record<string, unknown> {
    return { message: this.message, ...this.extra };
  }
}

export const validationError = (message: string): EmulatorError =>
  new EmulatorError(400, 'ValidationException', message);

/** Bedrock's wording for a native body that breaks the model's request schema. */
export const malformedInput = (detail: string): EmulatorError =>
  validationError(`Malformed input request: ${detail}, please reformat your input and try again.`);

export const modelNotFound = (): EmulatorError =>
  new EmulatorError(
    404,
    'ResourceNotFoundException',
    'Could not resolve the foundation model from the provided model identifier.',
  );

export const invalidModelIdentifier = (): EmulatorError =>
  validationError('The provided model identifier is invalid.');
