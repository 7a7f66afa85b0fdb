import { invalidSignature } from './auth-errors.js';

const BASIC_FORMAT = /^(\d{4})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3])([0-5]\d)([0-5]\d)Z$/;

/** `20260101T000000Z`, the ISO-8601 basic format SigV4 signs with. */
export function formatAmzDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** The signing time: `x-amz-date`, or else an HTTP `Date` header turned into the basic format. */
export function requestDate(xAmzDate: string | undefined, httpDate: string | undefined): string | undefined {
  if (xAmzDate !== undefined) return xAmzDate;
  if (httpDate === undefined) return undefined;
  const ms = Date.parse(httpDate);
  return Number.isNaN(ms) ? httpDate : formatAmzDate(ms);
}

/** Milliseconds since the epoch of a basic-format date; refuses any other shape as Bedrock does. */
export function parseAmzDate(amzDate: string): number {
  const m = BASIC_FORMAT.exec(amzDate);
  if (m) {
    const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
    // The pattern bounds each field; this catches the 30th of February, which Date.UTC rolls into March.
    if (new Date(ms).getUTCDate() === +m[3]!) return ms;
  }
  throw invalidSignature(
    `Date must be in ISO-8601 'basic format'. Got '${amzDate}'. See http://en.wikipedia.org/wiki/ISO_8601`,
  );
}

/**
 * Refuses a request signed too long ago or too far ahead, with Bedrock's wording, e.g.
 * `Signature expired: 20260101T000000Z is now earlier than 20260101T000500Z (20260101T001000Z - 5 min.)`.
 */
export function checkClockSkew(amzDate: string, signedAt: number, now: number, skewMs: number): void {
  if (signedAt >= now - skewMs && signedAt <= now + skewMs) return;
  const minutes = `${skewMs / 60_000} min.`;
  const current = formatAmzDate(now);
  if (signedAt < now - skewMs) {
    throw invalidSignature(
      `Signature expired: ${amzDate} is now earlier than ${formatAmzDate(now - skewMs)} (${current} - ${minutes})`,
    );
  }
  throw invalidSignature(
    `Signature not yet current: ${amzDate} is still later than ${formatAmzDate(now + skewMs)} (${current} + ${minutes})`,
  );
}
