import { createHash } from 'node:crypto';
import { BedrockClient, ListFoundationModelsCommand } from '@aws-sdk/client-bedrock';
import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import type { HttpRequest } from '@smithy/protocol-http';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { authenticate } from './authenticate.js';
import { config, minutes, refusal, T0 } from './test-support/expect.js';
import { AKID, authorizationOf, overHttp2, SECRET, sign, toAuthRequest } from './test-support/sign.js';
import type { AuthRequest } from './types.js';

const APP_PROFILE_ARN = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123xyz';

/** Runs a command through an SDK client whose transport only records the signed request. */
async function sdkRequest(send: (requestHandler: never) => Promise<unknown>): Promise<AuthRequest> {
  let captured: HttpRequest | undefined;
  const requestHandler = {
    handle: (request: HttpRequest) => {
      captured = request;
      return Promise.reject(new Error('captured'));
    },
  };
  await expect(send(requestHandler as never)).rejects.toThrow('captured');
  if (!captured) throw new Error('the SDK sent nothing');
  return toAuthRequest(captured);
}

const sdkClientConfig = (requestHandler: never) => ({
  region: 'us-east-1',
  credentials: { accessKeyId: AKID, secretAccessKey: SECRET },
  maxAttempts: 1,
  requestHandler,
});

describe('authenticate: SigV4 from the AWS SDK', () => {
  it('verifies a Converse call whose model id is an ARN (a double-encoded path label)', async () => {
    const req = await sdkRequest((h) =>
      new BedrockRuntimeClient(sdkClientConfig(h)).send(
        new ConverseCommand({
          modelId: APP_PROFILE_ARN,
          messages: [{ role: 'user', content: [{ text: 'hi' }] }],
        }),
      ),
    );
    expect(req.rawPath).toContain('arn%3Aaws%3Abedrock');
    await expect(authenticate(req, config())).resolves.toEqual({
      kind: 'sigv4',
      accessKeyId: AKID,
      region: 'us-east-1',
      service: 'bedrock',
    });
  });

  it('verifies the same call received over HTTP/2, where :authority replaces host', async () => {
    const req = await sdkRequest((h) =>
      new BedrockRuntimeClient(sdkClientConfig(h)).send(
        new ConverseCommand({
          modelId: APP_PROFILE_ARN,
          messages: [{ role: 'user', content: [{ text: 'hi' }] }],
        }),
      ),
    );
    const h2 = overHttp2(req);
    expect(h2.headers.host).toBeUndefined();
    await expect(authenticate(h2, config())).resolves.toMatchObject({ kind: 'sigv4' });
  });

  it('verifies a control-plane call with a query string', async () => {
    const req = await sdkRequest((h) =>
      new BedrockClient(sdkClientConfig(h)).send(
        new ListFoundationModelsCommand({ byProvider: 'Meta AI', byOutputModality: 'TEXT' }),
      ),
    );
    expect(req.rawQuery).toContain('byProvider=Meta%20AI');
    await expect(authenticate(req, config())).resolves.toMatchObject({ kind: 'sigv4', service: 'bedrock' });
  });

  it('verifies any path label and query value the SDK would encode', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.string(), fc.string(), async (label, key, value) => {
        const req = await sign({
          date: T0,
          path: `/model/${encodeURIComponent(label || 'x')}/invoke`,
          query: { [key || 'k']: value },
        });
        await expect(authenticate(req, config(), T0)).resolves.toMatchObject({ kind: 'sigv4' });
      }),
      { numRuns: 60 },
    );
  });
});

describe('authenticate: SigV4 refusals', () => {
  it('refuses a wrong secret with Bedrock’s signature-mismatch answer', async () => {
    const req = await sign({ date: T0, secretAccessKey: 'not-the-secret' });
    const error = await refusal(authenticate(req, config(), T0));
    expect(error).toMatchObject({ status: 403, type: 'InvalidSignatureException' });
    expect(error.message).toBe(
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
  });

  it('refuses an unknown access key', async () => {
    const req = await sign({ date: T0, accessKeyId: 'AKIDUNKNOWN' });
    const error = await refusal(authenticate(req, config(), T0));
    expect(error).toMatchObject({
      status: 403,
      type: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
    });
  });

  it('with anyCredentials, accepts an unknown key but still verifies a known one', async () => {
    const unknown = await sign({ date: T0, accessKeyId: 'AKIDANY', secretAccessKey: 'whatever' });
    await expect(authenticate(unknown, config({ anyCredentials: true }), T0)).resolves.toMatchObject({
      accessKeyId: 'AKIDANY',
    });
    const forged = await sign({ date: T0, secretAccessKey: 'not-the-secret' });
    const error = await refusal(authenticate(forged, config({ anyCredentials: true }), T0));
    expect(error.type).toBe('InvalidSignatureException');
  });

  it('refuses a signature older than five minutes, in Bedrock’s words', async () => {
    const req = await sign({ date: T0 });
    const error = await refusal(authenticate(req, config(), minutes(10)));
    expect(error).toMatchObject({ status: 403, type: 'InvalidSignatureException' });
    expect(error.message).toBe(
      'Signature expired: 20260101T000000Z is now earlier than 20260101T000500Z (20260101T001000Z - 5 min.)',
    );
  });

  it('refuses a signature from more than five minutes ahead', async () => {
    const req = await sign({ date: minutes(10) });
    const error = await refusal(authenticate(req, config(), T0));
    expect(error.message).toBe(
      'Signature not yet current: 20260101T001000Z is still later than 20260101T000500Z (20260101T000000Z + 5 min.)',
    );
  });

  it('accepts a signature within the skew, and honours a configured skew', async () => {
    await expect(authenticate(await sign({ date: T0 }), config(), minutes(4))).resolves.toBeDefined();
    const error = await refusal(
      authenticate(await sign({ date: T0 }), config({ clockSkewMs: 60_000 }), minutes(2)),
    );
    expect(error.message).toBe(
      'Signature expired: 20260101T000000Z is now earlier than 20260101T000100Z (20260101T000200Z - 1 min.)',
    );
  });

  it('refuses a scope for another service', async () => {
    const req = await sign({ date: T0, service: 'bedrock-runtime' });
    const error = await refusal(authenticate(req, config(), T0));
    expect(error).toMatchObject({
      status: 403,
      type: 'InvalidSignatureException',
      message: "Credential should be scoped to correct service: 'bedrock'. ",
    });
  });

  it('refuses a scope for another region when the emulator has one', async () => {
    const req = await sign({ date: T0, region: 'eu-west-1' });
    await expect(authenticate(req, config(), T0)).resolves.toMatchObject({ region: 'eu-west-1' });
    const error = await refusal(authenticate(req, config({ region: 'us-east-1' }), T0));
    expect(error.message).toBe('Credential should be scoped to a valid region. ');
  });

  it('refuses a body changed after signing, even with the original body’s hash declared', async () => {
    const req = await sign({
      date: T0,
      body: '{"a":1}',
      headers: { 'x-amz-content-sha256': sha256('{"a":1}') },
    });
    await expect(authenticate(req, config(), T0)).resolves.toBeDefined();
    const tampered = { ...req, body: Buffer.from('{"a":2}') };
    expect((await refusal(authenticate(tampered, config(), T0))).type).toBe('InvalidSignatureException');
  });

  it('accepts UNSIGNED-PAYLOAD', async () => {
    const req = await sign({ date: T0, headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } });
    await expect(
      authenticate({ ...req, body: Buffer.from('anything') }, config(), T0),
    ).resolves.toBeDefined();
  });

  it('refuses a header that is not a complete SigV4 header, listing what is missing', async () => {
    const req = await sign({ date: T0 });
    const partial = { ...req, headers: { ...req.headers, authorization: 'AWS4-HMAC-SHA256 Credential=x' } };
    const error = await refusal(authenticate(partial, config(), T0));
    expect(error).toMatchObject({
      status: 403,
      type: 'IncompleteSignatureException',
      message:
        "Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter.",
    });
    const { 'x-amz-date': _, ...undated } = req.headers;
    const noDate = await refusal(authenticate({ ...req, headers: undated }, config(), T0));
    expect(noDate.message).toBe(
      "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
    );
  });

  it('requires the host to be signed', async () => {
    const req = await sign({ date: T0 });
    const header = authorizationOf(req).replace(/SignedHeaders=[^,]+/, 'SignedHeaders=x-amz-date');
    const error = await refusal(
      authenticate({ ...req, headers: { ...req.headers, authorization: header } }, config(), T0),
    );
    expect(error.message).toBe("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  });

  it('takes the signing time from a Date header when x-amz-date is absent', async () => {
    const req = await sign({ date: T0 });
    const { 'x-amz-date': _, ...headers } = req.headers;
    const header = authorizationOf(req).replace('x-amz-date', 'date');
    const undated = { ...req, headers: { ...headers, date: T0.toUTCString(), authorization: header } };
    // The signature covered x-amz-date, so it no longer matches; the date itself was accepted.
    expect((await refusal(authenticate(undated, config(), T0))).message).toMatch(/^The request signature/);
  });
});

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
