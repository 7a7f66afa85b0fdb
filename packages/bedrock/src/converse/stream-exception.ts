/**
 * Exception frames of ConverseStream and InvokeModelWithResponseStream, as the same error classes an
 * HTTP error of that type maps to. Frames carry no status, so the one the shape stands for is added.
 */
import { fromBedrockFailure, shapeNameOf } from '../errors/from-bedrock.js';
import type { PartialOutput, StrataError } from '../errors/strata-error.js';
import { asNumber, asRecord, asString } from './read-json.js';

const STATUS: Record<string, number> = {
  internalServerException: 500,
  modelStreamErrorException: 424,
  validationException: 400,
  throttlingException: 429,
  serviceUnavailableException: 503,
  modelTimeoutException: 408,
};

/** Whether a stream member name is an exception (`throttlingException`…) rather than an event. */
export const isExceptionMember = (name: string): boolean => name.endsWith('Exception');

export function streamException(
  member: string,
  payload: unknown,
  context: { partial: PartialOutput; requestId?: string },
): StrataError {
  const r = asRecord(payload);
  const message = asString(r.message) ?? asString(r.Message) ?? `${member} (no message)`;
  // modelStreamErrorException names what the model itself answered; that is the useful part.
  const original = asString(r.originalMessage);
  const originalStatus = asNumber(r.originalStatusCode);
  const status = STATUS[member];
  return fromBedrockFailure({
    type: shapeNameOf(member),
    message: original
      ? `${message} (the model answered${originalStatus ? ` ${originalStatus}` : ''}: ${original})`
      : message,
    ...(status !== undefined ? { status } : {}),
    ...(context.requestId !== undefined ? { requestId: context.requestId } : {}),
    partial: context.partial,
  });
}
