import { createHash } from 'node:crypto';

/**
 * One recorded request/response pair, as stored in a fixture file. Readable JSON: JSON bodies are
 * kept as JSON, event streams as their decoded events. Secrets (Authorization, tokens) are never kept.
 */
export interface RecordedExchange {
  operation?: string;
  request: {
    method: string;
    path: string;
    /** Absent: the exchange answers any body sent to this method and path. */
    bodySha256?: string;
    body?: unknown;
  };
  response: {
    status: number;
    headers?: Record<string, string>;
    /** A JSON body (InvokeModel bodies are JSON too). */
    body?: unknown;
    /** Event-stream events: headers (`:event-type`, `:message-type`, …) and JSON payload. */
    events?: { headers: Record<string, string>; payload: unknown }[];
    /** Raw response bytes, base64, when they must be replayed byte for byte. */
    rawBase64?: string;
  };
}

export const bodyDigest = (body: Buffer): string => createHash('sha256').update(body).digest('hex');

/** Response headers worth keeping: the ones clients read. */
export const KEPT_HEADERS = /^(content-type|x-amzn-errortype|x-amzn-bedrock-.*|retry-after)$/i;
