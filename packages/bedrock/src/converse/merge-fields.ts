import { isRecord, type JsonRecord } from './read-json.js';

/**
 * Merges caller-supplied model fields over the ones a codec computed. Nested objects merge key by key
 * (so a caller's `inferenceConfig.reasoningConfig` keeps our `inferenceConfig.topK`); on a conflict the
 * caller wins, because passthrough fields are the documented escape hatch.
 */
export function mergeFields(base: JsonRecord, extra: JsonRecord | undefined): JsonRecord {
  if (!extra) return base;
  const out: JsonRecord = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const current = out[key];
    out[key] = isRecord(current) && isRecord(value) ? mergeFields(current, value) : value;
  }
  return out;
}
