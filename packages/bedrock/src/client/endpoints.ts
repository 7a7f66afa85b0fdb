/** Where each service lives: the option when given, else Bedrock's regional endpoints. */
export function endpointResolver(options: { endpoint?: string; controlPlaneEndpoint?: string }) {
  return (service: 'runtime' | 'control', region: string): string => {
    if (service === 'runtime') return options.endpoint ?? `https://bedrock-runtime.${region}.amazonaws.com`;
    return options.controlPlaneEndpoint ?? options.endpoint ?? `https://bedrock.${region}.amazonaws.com`;
  };
}

/** A model ID or ARN as one path label: percent-encoded whole, as Bedrock expects (`:` → `%3A`, `/` → `%2F`). */
export const modelPath = (invokeId: string, action: string): string =>
  `/model/${encodeURIComponent(invokeId)}/${action}`;
