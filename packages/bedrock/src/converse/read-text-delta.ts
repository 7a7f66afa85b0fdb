/**
 * The frame that makes up almost all of a ConverseStream, read without JSON.parse: a text delta,
 * `{"contentBlockIndex":N,"delta":{"text":"…"}}` with Bedrock's optional `"p":"…"` padding last, the
 * member order every captured stream shows. Only the text's bytes are decoded, where JSON.parse would
 * first decode the whole payload to a string and then build it again. Any other shape — another member
 * order, an escape in the text (`\n`, `\"`, `\u…`), a leading zero — returns undefined and the caller
 * parses the payload; the tests hold the two ways equal on generated payloads and every fixture.
 */
export interface TextDeltaPayload {
  contentBlockIndex: number;
  delta: { text: string };
}

const HEAD = Buffer.from('{"contentBlockIndex":', 'latin1');
const TEXT = Buffer.from(',"delta":{"text":"', 'latin1');
const PADDING = Buffer.from('},"p":"', 'latin1');
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const CLOSE = 0x7d;

function has(bytes: Buffer, at: number, part: Buffer): boolean {
  if (bytes.length - at < part.length) return false;
  for (let i = 0; i < part.length; i++) if (bytes[at + i] !== part[i]) return false;
  return true;
}

export function readTextDelta(payload: Buffer): TextDeltaPayload | undefined {
  if (!has(payload, 0, HEAD)) return undefined;
  let at = HEAD.length;
  const digits = at;
  let index = 0;
  for (let c = payload[at] as number; c >= 0x30 && c <= 0x39; c = payload[++at] as number) {
    index = index * 10 + (c - 0x30);
  }
  const width = at - digits;
  if (width === 0 || width > 9 || (width > 1 && payload[digits] === 0x30)) return undefined;
  if (!has(payload, at, TEXT)) return undefined;
  const from = at + TEXT.length;
  // UTF-8 never puts a quote or backslash byte inside a multi-byte character, so the first quote
  // ends the text unless a backslash (an escape) comes before it.
  const to = payload.indexOf(QUOTE, from);
  if (to < 0) return undefined;
  const backslash = payload.indexOf(BACKSLASH, from);
  if (backslash >= 0 && backslash < to) return undefined;
  const last = payload.length - 1;
  const plainEnd = to + 2 === last && payload[to + 1] === CLOSE && payload[last] === CLOSE;
  if (!plainEnd && !isPadding(payload, to + 1)) return undefined;
  return { contentBlockIndex: index, delta: { text: payload.toString('utf8', from, to) } };
}

/** `},"p":"<no quote or backslash>"}` from `at` to the end. */
function isPadding(payload: Buffer, at: number): boolean {
  if (!has(payload, at, PADDING)) return false;
  const last = payload.length - 1;
  const from = at + PADDING.length;
  return (
    payload[last] === CLOSE &&
    payload.indexOf(QUOTE, from) === last - 1 &&
    payload.indexOf(BACKSLASH, from) === -1
  );
}
