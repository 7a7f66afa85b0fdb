import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { CredentialProvider } from '../auth/types.js';

/** Native SHA-256 (node:crypto): the pure-JS hash would cost most of a call's CPU. */
const Sha256 = Hash.bind(null, 'sha256');

/** Where a request goes: the endpoint, and the path (percent-encoded) and query string on it. */
export interface RequestTarget {
  endpoint: Endpoint;
  pathname: string;
  /** `?a=b…`, or empty. */
  search: string;
}

/** An endpoint's parts, parsed once. */
export interface Endpoint {
  origin: string;
  protocol: string;
  hostname: string;
  port?: number;
  host: string;
}

export const parseEndpoint = (href: string): Endpoint => {
  const url = new URL(href);
  return {
    origin: url.origin,
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    host: url.host,
  };
};

export type RequestSigner = (input: {
  method: string;
  target: RequestTarget;
  /** Made for this request: the signer adds Host to it. */
  headers: Record<string, string>;
  body?: string | Uint8Array;
  region: string;
}) => Promise<Record<string, string>>;

/**
 * A SigV4 signer for service `bedrock` over a credential provider, one SignatureV4 per region (each
 * caches its derived signing keys). The provider is asked on every request, so refreshed credentials
 * are used as soon as they exist.
 */
export function createSigner(credentials: CredentialProvider): RequestSigner {
  const byRegion = new Map<string, SignatureV4>();
  return async ({ method, target, headers, body, region }) => {
    let signer = byRegion.get(region);
    if (!signer) {
      signer = new SignatureV4({
        service: 'bedrock',
        region,
        sha256: Sha256,
        credentials,
        applyChecksum: false,
      });
      byRegion.set(region, signer);
    }
    // `headers` is the caller's own fresh object: Host joins it for signing rather than a copy.
    const { endpoint, pathname, search } = target;
    headers.host = endpoint.host;
    const request = new HttpRequest({
      method,
      protocol: endpoint.protocol,
      hostname: endpoint.hostname,
      ...(endpoint.port !== undefined ? { port: endpoint.port } : {}),
      path: pathname,
      query: search ? Object.fromEntries(new URLSearchParams(search)) : {},
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    const signed = await signer.sign(request);
    const { host: _host, ...out } = signed.headers as Record<string, string>;
    return out;
  };
}
