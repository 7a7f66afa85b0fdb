import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { CredentialProvider } from '../auth/types.js';

/** Native SHA-256 (node:crypto): the pure-JS hash would cost most of a call's CPU. */
const Sha256 = Hash.bind(null, 'sha256');

export type RequestSigner = (input: {
  method: string;
  url: URL;
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
  return async ({ method, url, headers, body, region }) => {
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
    const request = new HttpRequest({
      method,
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: { ...headers, host: url.host },
      ...(body !== undefined ? { body } : {}),
    });
    const signed = await signer.sign(request);
    const { host: _host, ...out } = signed.headers as Record<string, string>;
    return out;
  };
}
