import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasAwsCredentials } from '../index.js';

const dir = mkdtempSync(join(tmpdir(), 'strata-has-credentials-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
/** An environment with no AWS variables and empty shared files, so only what a case adds counts. */
const bare = (extra: Record<string, string> = {}) => ({
  HOME: dir,
  AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'),
  AWS_CONFIG_FILE: join(dir, 'none'),
  ...extra,
});

describe('hasAwsCredentials', () => {
  it('is false on a machine with nothing configured, and never asks the metadata service', () => {
    expect(hasAwsCredentials(bare(), [join(dir, 'no-vendor')])).toBe(false);
  });

  it.each([
    ['access keys', { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE' }],
    ['a Bedrock API key', { AWS_BEARER_TOKEN_BEDROCK: 'ABSKEXAMPLE' }],
    ['a named profile', { AWS_PROFILE: 'dev' }],
    ['web identity (EKS)', { AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/token' }],
    ['an ECS task role', { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/x' }],
    ['a Lambda function role', { AWS_LAMBDA_FUNCTION_NAME: 'fn' }],
  ])('is true with %s in the environment', (_what, env) => {
    expect(hasAwsCredentials(bare(env), [])).toBe(true);
  });

  it('is true when the shared files name keys, SSO or a role, and false for a region-only config', () => {
    const regionOnly = file('config-region', '[default]\nregion = eu-west-1\n');
    expect(hasAwsCredentials(bare({ AWS_CONFIG_FILE: regionOnly }), [])).toBe(false);
    const sso = file('config-sso', '[profile dev]\nsso_session = corp\n');
    expect(hasAwsCredentials(bare({ AWS_CONFIG_FILE: sso }), [])).toBe(true);
    const keys = file('credentials', '[default]\naws_access_key_id = AKIDEXAMPLE\n');
    expect(hasAwsCredentials(bare({ AWS_SHARED_CREDENTIALS_FILE: keys }), [])).toBe(true);
  });

  it('is true on EC2, where an instance profile supplies role credentials', () => {
    expect(hasAwsCredentials(bare(), [file('sys_vendor', 'Amazon EC2\n')])).toBe(true);
    expect(hasAwsCredentials(bare(), [file('uuid', 'ec2e1916-9099-7caf-fd21-012345abcdef\n')])).toBe(true);
    expect(hasAwsCredentials(bare(), [file('other-vendor', 'QEMU\n')])).toBe(false);
  });
});
