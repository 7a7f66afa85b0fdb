import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where Linux exposes the machine's vendor: "Amazon EC2" on Nitro instances, an `ec2…` UUID on Xen ones. */
const EC2_MARKERS = ['/sys/devices/virtual/dmi/id/sys_vendor', '/sys/hypervisor/uuid'];

const readOrEmpty = (file: string): string => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
};

/**
 * Whether any AWS credential source is configured, decided without loading it (that may prompt, or
 * reach the network): the environment, a shared config/credentials file naming keys, SSO, a role or a
 * credential process, or a compute platform that hands out role credentials — ECS/EKS/Lambda (their
 * environment variables) and EC2 (the machine's vendor string; the instance metadata service is never
 * probed, so a machine without credentials answers at once and offline).
 */
export function hasAwsCredentials(env = process.env, ec2Markers = EC2_MARKERS): boolean {
  if (
    env.AWS_ACCESS_KEY_ID ||
    env.AWS_BEARER_TOKEN_BEDROCK ||
    env.AWS_PROFILE ||
    env.AWS_WEB_IDENTITY_TOKEN_FILE ||
    env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI ||
    env.AWS_CONTAINER_CREDENTIALS_FULL_URI ||
    env.AWS_LAMBDA_FUNCTION_NAME
  )
    return true;
  const aws = join(env.HOME ?? homedir(), '.aws');
  const files = [
    env.AWS_SHARED_CREDENTIALS_FILE ?? join(aws, 'credentials'),
    env.AWS_CONFIG_FILE ?? join(aws, 'config'),
  ];
  if (files.some((file) => /aws_access_key_id|sso_|credential_process|role_arn/.test(readOrEmpty(file))))
    return true;
  return ec2Markers.some((file) => /^(Amazon EC2|ec2)/i.test(readOrEmpty(file).trim()));
}
