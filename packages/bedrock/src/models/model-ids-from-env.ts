/**
 * The model IDs or ARNs in `BEDROCK_MODEL_ARNS`: comma-separated, each trimmed, empty entries dropped (so a
 * trailing comma or an unset variable is harmless).
 */
export function modelIdsFromEnv(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}
