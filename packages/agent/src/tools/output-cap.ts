/** Characters a tool result may hold by default: enough to be useful, small enough for the context. */
export const DEFAULT_OUTPUT_CAP = 30_000;

/**
 * Keeps whole lines from the start of `text` up to `cap` characters. The note says how much was left
 * out and what to do about it, so the model does not mistake a cut listing for a complete one.
 */
export function capLines(text: string, cap: number, advice: string): string {
  if (text.length <= cap) return text;
  const cut = text.lastIndexOf('\n', cap);
  const kept = cut > 0 ? text.slice(0, cut) : text.slice(0, cap);
  const omitted = text.length - kept.length;
  return `${kept}\n[Output truncated: ${omitted} more characters not shown. ${advice}]`;
}
