import { describe, expect, it } from 'vitest';
import { authenticate } from './authenticate.js';
import { config, minutes, refusal, T0 } from './test-support/expect.js';
import { HOST, SECRET, sign, signatureOf } from './test-support/sign.js';
import type { AuthRequest } from './types.js';

describe('authenticate: session tokens', () => {
  it('accepts any session token', async () => {
    const req = await sign({ date: T0, sessionToken: 'FwoGZXIvYXdzEBYaDEXAMPLE' });
    expect(req.headers['x-amz-security-token']).toBeDefined();
    await expect(authenticate(req, config(), T0)).resolves.toMatchObject({ kind: 'sigv4' });
  });

  it('refuses the token "expired" as Bedrock refuses an expired one', async () => {
    const req = await sign({ date: T0, sessionToken: 'expired' });
    const error = await refusal(authenticate(req, config(), T0));
    expect(error).toMatchObject({
      status: 403,
      type: 'ExpiredTokenException',
      message: 'The security token included in the request is expired',
    });
  });
});

describe('authenticate: missing credentials and API keys', () => {
  const bare = (authorization?: string): AuthRequest => ({
    method: 'POST',
    rawPath: '/model/x.y/converse',
    rawQuery: '',
    headers: { host: HOST, ...(authorization !== undefined ? { authorization } : {}) },
    body: Buffer.alloc(0),
  });

  it('refuses a request without Authorization as Bedrock does, with a capitalised Message', async () => {
    const error = await refusal(authenticate(bare(), config()));
    expect(error).toMatchObject({ status: 403, type: 'AccessDeniedException' });
    expect(error.body()).toEqual({ Message: 'Authorization header is missing' });
  });

  it('accepts any well-formed key when none is configured', async () => {
    await expect(authenticate(bare('Bearer ABSKEXAMPLEbedrockapikey0001'), config())).resolves.toEqual({
      kind: 'bearer',
    });
    await expect(authenticate(bare('Bearer bedrock-api-key-YmVkcm9jay5hbWF6b24'), config())).resolves.toEqual(
      {
        kind: 'bearer',
      },
    );
  });

  it('accepts only the configured keys when some are', async () => {
    const keys = config({ apiKeys: ['ABSKgood'] });
    await expect(authenticate(bare('Bearer ABSKgood'), keys)).resolves.toEqual({ kind: 'bearer' });
    const error = await refusal(authenticate(bare('Bearer ABSKbad'), keys));
    expect(error).toMatchObject({ status: 403, type: 'AccessDeniedException' });
    expect(error.body()).toEqual({
      Message: 'Authentication failed: Please make sure your API Key is valid.',
    });
  });

  it('refuses a key without a Bedrock prefix', async () => {
    const error = await refusal(authenticate(bare('Bearer sk-not-bedrock'), config()));
    expect(error.body()).toEqual({ Message: 'Invalid API Key format: Must start with pre-defined prefix' });
  });
});

describe('authenticate: secrecy', () => {
  it('never puts a secret, signature or key in a message', async () => {
    const signed = await sign({ date: T0 });
    const forged = await sign({ date: T0, secretAccessKey: 'not-the-secret' });
    const secrets = [
      SECRET,
      'not-the-secret',
      signatureOf(signed),
      signatureOf(forged),
      'ABSKsecretkey',
      'sk-leak',
    ];
    const attempts: Promise<unknown>[] = [
      authenticate(forged, config(), T0),
      authenticate(signed, config(), minutes(30)),
      authenticate(
        {
          ...signed,
          headers: { ...signed.headers, authorization: `AWS4-HMAC-SHA256 Signature=${signatureOf(signed)}` },
        },
        config(),
        T0,
      ),
      authenticate(
        { ...signed, headers: { ...signed.headers, authorization: 'Bearer ABSKsecretkey' } },
        config({ apiKeys: ['ABSKother'] }),
      ),
      authenticate({ ...signed, headers: { ...signed.headers, authorization: 'Bearer sk-leak' } }, config()),
    ];
    for (const attempt of attempts) {
      const error = await refusal(attempt);
      const text = `${error.message} ${JSON.stringify(error.body())}`;
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
  });
});
