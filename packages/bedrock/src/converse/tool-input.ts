/**
 * A streamed tool call's arguments, from the concatenated partial JSON. An empty string is a call
 * without arguments (Bedrock streams `"input": ""` for those), so it means `{}`. Unparsable text (a
 * reply cut off by max_tokens, a model emitting broken JSON) also yields `{}` but `valid: false`, so the
 * caller can record the raw text instead of failing a reply whose other blocks are fine.
 */
export function parseToolInput(raw: string): { input: unknown; valid: boolean } {
  if (raw.trim() === '') return { input: {}, valid: true };
  try {
    return { input: JSON.parse(raw), valid: true };
  } catch {
    return { input: {}, valid: false };
  }
}
