import { EmulatorError } from '../errors/emulator-error.js';

/**
 * A fault the emulator injects into one request. Errors answer at once; the others shape how the
 * response is delivered.
 */
export type Fault =
  | { kind: 'throttle'; retryAfterSeconds?: number }
  | { kind: 'internal' }
  | { kind: 'unavailable' }
  | { kind: 'timeout' }
  | { kind: 'model-error' }
  | { kind: 'not-ready' }
  | { kind: 'latency'; ms: number }
  | { kind: 'slow'; ms: number }
  | { kind: 'stall'; ms?: number }
  | { kind: 'stall-mid-stream'; ms?: number; after?: number }
  | { kind: 'stream-exception'; exception: string; after?: number }
  | { kind: 'reset'; after?: number }
  | { kind: 'corrupt-crc'; after?: number };

export type FaultKind = Fault['kind'];

export const FAULT_KINDS: readonly FaultKind[] = [
  'throttle',
  'internal',
  'unavailable',
  'timeout',
  'model-error',
  'not-ready',
  'latency',
  'slow',
  'stall',
  'stall-mid-stream',
  'stream-exception',
  'reset',
  'corrupt-crc',
];

const STREAM_EXCEPTIONS = new Map<string, { status: number; type: string; message: string }>([
  [
    'modelStreamErrorException',
    { status: 424, type: 'ModelStreamErrorException', message: 'Model Stream Error' },
  ],
  [
    'internalServerException',
    {
      status: 500,
      type: 'InternalServerException',
      message: 'The system encountered an unexpected error during processing. Try your request again.',
    },
  ],
  [
    'throttlingException',
    {
      status: 429,
      type: 'ThrottlingException',
      message: 'Too many requests, please wait before trying again.',
    },
  ],
  [
    'validationException',
    { status: 400, type: 'ValidationException', message: 'Input is too long for requested model.' },
  ],
  [
    'serviceUnavailableException',
    {
      status: 503,
      type: 'ServiceUnavailableException',
      message: 'Bedrock is unable to process your request.',
    },
  ],
  [
    'modelTimeoutException',
    {
      status: 408,
      type: 'ModelTimeoutException',
      message: 'Model has timed out in processing the request. Try your request again.',
    },
  ],
]);

/** The exception-frame member names a stream may carry, with what Bedrock says in each. */
export function streamException(name: string): { status: number; type: string; message: string } | undefined {
  return STREAM_EXCEPTIONS.get(name);
}

/** The HTTP error a fault answers with, or undefined for faults that shape delivery instead. */
export function faultError(fault: Fault): EmulatorError | undefined {
  switch (fault.kind) {
    case 'throttle':
      return new EmulatorError(
        429,
        'ThrottlingException',
        'Too many requests, please wait before trying again.',
        {},
        fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {},
      );
    case 'internal':
      return new EmulatorError(
        500,
        'InternalServerException',
        'The system encountered an unexpected error during processing. Try your request again.',
      );
    case 'unavailable':
      return new EmulatorError(
        503,
        'ServiceUnavailableException',
        'Bedrock is unable to process your request.',
      );
    case 'timeout':
      return new EmulatorError(
        408,
        'ModelTimeoutException',
        'Model has timed out in processing the request. Try your request again.',
      );
    case 'model-error':
      return new EmulatorError(
        424,
        'ModelErrorException',
        'The model returned an error. Try your request again.',
        {
          originalStatusCode: 500,
          resourceName: 'emulator',
        },
      );
    case 'not-ready':
      return new EmulatorError(
        429,
        'ModelNotReadyException',
        'Model is not ready to serve inference requests. Try your request again.',
      );
    default:
      return undefined;
  }
}
