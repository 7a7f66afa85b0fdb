/**
 * Where each service lives: the option when given, else the AWS SDK's endpoint variables
 * (AWS_ENDPOINT_URL_BEDROCK_RUNTIME, AWS_ENDPOINT_URL_BEDROCK, AWS_ENDPOINT_URL — the last points both at
 * one place, which is how the emulator is used), else Bedrock's regional endpoints.
 */
export function endpointResolver(
  options: { endpoint?: string; controlPlaneEndpoint?: string },
  env = process.env,
) {
  return (service: 'runtime' | 'control', region: string): string => {
    if (service === 'runtime') {
      return (
        options.endpoint ??
        env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME ??
        env.AWS_ENDPOINT_URL ??
        `https://bedrock-runtime.${region}.amazonaws.com`
      );
    }
    return (
      options.controlPlaneEndpoint ??
      options.endpoint ??
      env.AWS_ENDPOINT_URL_BEDROCK ??
      env.AWS_ENDPOINT_URL ??
      `https://bedrock.${region}.amazonaws.com`
    );
  };
}

/** A model ID or ARN as one path label: percent-encoded whole, as Bedrock expects (`:` → `%3A`, `/` → `%2F`). */
export const modelPath = (invokeId: string, action: string): string =>
  `/model/${encodeURIComponent(invokeId)}/${action}`;
