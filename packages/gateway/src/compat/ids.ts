import { randomBytes } from 'node:crypto';

/** An opaque, URL-safe id in the style the dialects use (`chatcmpl-…`, `msg_…`). */
export const randomId = (prefix: string): string => `${prefix}${randomBytes(18).toString('base64url')}`;

/** Seconds since the epoch: OpenAI's `created`. */
export const nowSeconds = (): number => Math.floor(Date.now() / 1000);
