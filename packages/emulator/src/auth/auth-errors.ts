import { EmulatorError } from '../errors/emulator-error.js';

/**
 * Errors from Bedrock's API-key front end. Captured answers carry a capitalised `Message` member
 * (`{"Message":"Authorization header is missing"}`, 403, `AccessDeniedException`), unlike the SigV4
 * layer behind it, which answers `{"message": …}`. The SDK reads either.
 */
class FrontEndError extends EmulatorError {
  override body(): Record<string, unknown> {
    return { Message: this.message };
  }
}

export const missingAuthorization = (): EmulatorError =>
  new FrontEndError(403, 'AccessDeniedException', 'Authorization header is missing');

export const malformedApiKey = (): EmulatorError =>
  new FrontEndError(
    403,
    'AccessDeniedException',
    'Invalid API Key format: Must start with pre-defined prefix',
  );

export const rejectedApiKey = (): EmulatorError =>
  new FrontEndError(
    403,
    'AccessDeniedException',
    'Authentication failed: Please make sure your API Key is valid.',
  );

export const incompleteSignature = (message: string): EmulatorError =>
  new EmulatorError(403, 'IncompleteSignatureException', message);

export const invalidSignature = (message: string): EmulatorError =>
  new EmulatorError(403, 'InvalidSignatureException', message);

export const signatureMismatch = (): EmulatorError =>
  invalidSignature(
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
  );

export const unrecognizedClient = (): EmulatorError =>
  new EmulatorError(
    403,
    'UnrecognizedClientException',
    'The security token included in the request is invalid.',
  );

export const expiredToken = (): EmulatorError =>
  new EmulatorError(403, 'ExpiredTokenException', 'The security token included in the request is expired');
