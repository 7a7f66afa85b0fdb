import { EmulatorError } from '../errors/emulator-error.js';

/**
 * AWS lists at most ten violations and counts only those it lists. Coral stops collecting at ten:
 * dynalite, which mirrors DynamoDB's (Coral) validation byte for byte, does the same
 * (github.com/mhart/dynalite, validations/index.js: `if (errors.length >= 10) return`).
 */
export const MAX_LISTED_VIOLATIONS = 10;

/** `1 validation error detected: …` / `3 validation errors detected: …; …; …`. */
export function validationMessage(violations: readonly string[]): string {
  const listed = violations.slice(0, MAX_LISTED_VIOLATIONS);
  return `${listed.length} validation error${listed.length === 1 ? '' : 's'} detected: ${listed.join('; ')}`;
}

/**
 * A request body that cannot be read into the operation's input shape. restJson1 services answer
 * 400 `SerializationException` for bad JSON, wrong JSON types, bad base64, nulls in dense lists and
 * unions with no or several members (the Smithy restJson1 malformed-request protocol tests,
 * smithy-aws-protocol-tests/model/restJson1/malformedRequests/*.smithy); a live probe of Bedrock
 * Converse with a string where the content list belongs also got `SerializationException`
 * (github.com/Martian-Engineering/lossless-claw/pull/606).
 */
export const serializationError = (message: string): EmulatorError =>
  new EmulatorError(400, 'SerializationException', message);

export interface UnknownOperationResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * What Bedrock answers for a method and path that name no operation, before any authentication:
 * HTTP 200 with Coral's RPC envelope (fixtures/bedrock/vercel-ai/issue-17523-unknown-operation.json;
 * vercel/ai#17524 records "literal `/` path separators … returned HTTP 200 `UnknownOperationException`"
 * for unsigned requests, and BerriAI/litellm#3805 shows the same body from InvokeModel). The capture
 * does not record the content type; `application/json` is what the body is.
 */
export function unknownOperationBody(): UnknownOperationResponse {
  return {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: '{"Output":{"__type":"com.amazon.coral.service#UnknownOperationException"},"Version":"1.0"}',
  };
}
