import { incompleteSignature } from './auth-errors.js';

/** The parts of an `Authorization: AWS4-HMAC-SHA256 …` header. */
export interface SigV4Authorization {
  accessKeyId: string;
  /** The credential scope after the key id: `date/region/service/terminator`. */
  scope: { date: string; region: string; service: string; terminator: string };
  /** Lower-case header names, in the order given. */
  signedHeaders: string[];
  signature: string;
}

const ALGORITHM = /^\s*AWS4-HMAC-SHA256(?:\s+|$)/;
const CREDENTIAL = /(?:^|[\s,])Credential=([^\s,]*)/;
const SIGNED_HEADERS = /(?:^|[\s,])SignedHeaders=([^\s,]*)/;
const SIGNATURE = /(?:^|[\s,])Signature=([^\s,]*)/;

/**
 * Parses a SigV4 `Authorization` value. Anything that is not a complete `AWS4-HMAC-SHA256` header is
 * refused as Bedrock's SigV4 layer does, listing every missing part in its order. Unlike the real
 * message, it does not end with `Authorization=<the header>`: the header carries the signature, which
 * the emulator never echoes.
 */
export function parseSigV4Authorization(value: string, hasDate: boolean): SigV4Authorization {
  const algorithm = ALGORITHM.exec(value);
  const params = algorithm ? value.slice(algorithm[0].length) : '';
  const credential = CREDENTIAL.exec(params)?.[1];
  const signature = SIGNATURE.exec(params)?.[1];
  const signedHeaders = SIGNED_HEADERS.exec(params)?.[1];
  const missing: string[] = [];
  if (credential === undefined) missing.push("Authorization header requires 'Credential' parameter.");
  if (signature === undefined) missing.push("Authorization header requires 'Signature' parameter.");
  if (signedHeaders === undefined) missing.push("Authorization header requires 'SignedHeaders' parameter.");
  if (!hasDate) {
    missing.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  }
  if (credential === undefined || signature === undefined || signedHeaders === undefined || !hasDate) {
    throw incompleteSignature(missing.join(' '));
  }
  const [accessKeyId = '', date = '', region = '', service = '', ...rest] = credential.split('/');
  return {
    accessKeyId,
    scope: { date, region, service, terminator: rest.join('/') },
    signedHeaders: signedHeaders.split(';').map((name) => name.toLowerCase()),
    signature,
  };
}
