import { setTimeout as sleep } from 'node:timers/promises';
import type { Dispatcher } from 'undici';
import type { AuthSource } from '../auth/credential-source.js';
import { type BedrockFailure, fromBedrockFailure } from '../errors/from-bedrock.js';
import {
  AbortError,
  ModelStreamError,
  ModelTimeoutError,
  ProviderError,
  StrataError,
  StreamStalledError,
} from '../errors/strata-error.js';
import { parseRetryAfter, type RetryPolicy } from './retry-policy.js';
import {
  createSigner,
  type Endpoint,
  parseEndpoint,
  type RequestSigner,
  type RequestTarget,
} from './sign-request.js';
import { type Timeouts, Watchdog } from './timeouts.js';

export interface TransportRequest {
  service: 'runtime' | 'control';
  region: string;
  method: 'GET' | 'POST';
  /** Path with labels already percent-encoded, plus any query string. */
  path: string;
  body?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** For error messages and on-demand suggestions. */
  modelId?: string;
  suggestedProfile?: string;
  /**
   * The response comes only once the model has finished (Converse, InvokeModel): no first-byte or idle
   * timer, which would cut a long generation, only the total one. The body is read within the attempt,
   * so a reply cut mid-body is retried like any other failure.
   */
  wholeReply?: boolean;
}

export interface TransportOptions {
  auth: AuthSource;
  dispatcher: Dispatcher;
  retry: RetryPolicy;
  timeouts: Required<Timeouts>;
  endpoint: (service: 'runtime' | 'control', region: string) => string;
}

/** Network failures that mean "try again": the request may not have reached Bedrock at all. */
const RETRYABLE_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'ECONNREFUSED',
  'EAI_AGAIN',
]);

/** A response header by lower-case name (the first, when repeated). */
export const header = (headers: Dispatcher.ResponseData['headers'], name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

export interface OpenResponse {
  status: number;
  headers: Dispatcher.ResponseData['headers'];
  body: Dispatcher.ResponseData['body'];
  /** The body, already read, for a `wholeReply` request. */
  text?: string;
  requestId?: string;
  watchdog: Watchdog;
}

/**
 * Signs, sends and retries requests to Bedrock. What it returns is a successful response whose body
 * the caller reads under the same watchdog; every failure is a typed StrataError.
 */
export class BedrockTransport {
  private readonly signer?: RequestSigner;
  private readonly wholeReplyTimeouts: TransportOptions['timeouts'];

  constructor(private readonly options: TransportOptions) {
    this.wholeReplyTimeouts = { ...options.timeouts, firstByteMs: 0, idleMs: 0 };
    if (options.auth.method === 'sigv4') {
      const credentials = options.auth.credentials;
      this.signer = createSigner(() => credentials.get());
    }
  }

  private async headersFor(
    target: RequestTarget,
    request: TransportRequest,
  ): Promise<Record<string, string>> {
    const base: Record<string, string> = { accept: 'application/json', ...request.headers };
    if (request.body !== undefined) base['content-type'] = 'application/json';
    const auth = this.options.auth;
    if (auth.method === 'bearer') return { ...base, authorization: `Bearer ${auth.token}` };
    return (this.signer as RequestSigner)({
      method: request.method,
      target,
      headers: base,
      ...(request.body !== undefined ? { body: request.body } : {}),
      region: request.region,
    });
  }

  /** Endpoints by service and region, parsed once: a URL parse per call costs more than the lookup. */
  private readonly endpoints = new Map<string, Endpoint>();

  /** Paths are built percent-encoded and absolute, so they need no URL parse either. */
  private targetOf({ service, region, path }: TransportRequest): RequestTarget {
    const key = `${service} ${region}`;
    let endpoint = this.endpoints.get(key);
    if (!endpoint) {
      endpoint = parseEndpoint(this.options.endpoint(service, region));
      this.endpoints.set(key, endpoint);
    }
    const query = path.indexOf('?');
    return query < 0
      ? { endpoint, pathname: path, search: '' }
      : { endpoint, pathname: path.slice(0, query), search: path.slice(query) };
  }

  /** Sends with retries until a 2xx response; the caller must consume `body` and dispose the watchdog. */
  async open(request: TransportRequest): Promise<OpenResponse> {
    const timeouts = request.wholeReply ? this.wholeReplyTimeouts : this.options.timeouts;
    const watchdog = new Watchdog(timeouts, request.signal);
    const target = this.targetOf(request);
    for (let attempt = 0; ; attempt++) {
      watchdog.restart();
      let failure: StrataError;
      let retryAfterMs: number | undefined;
      let readingReply = false;
      try {
        const headers = await this.headersFor(target, request);
        const response = await this.options.dispatcher.request({
          origin: target.endpoint.origin,
          path: request.path,
          method: request.method,
          headers,
          ...(request.body !== undefined ? { body: request.body } : {}),
          signal: watchdog.signal,
        });
        const requestId = header(response.headers, 'x-amzn-requestid');
        if (response.statusCode < 300) {
          readingReply = request.wholeReply === true;
          const text = readingReply ? await response.body.text() : undefined;
          this.options.retry.recordSuccess();
          return {
            status: response.statusCode,
            headers: response.headers,
            body: response.body,
            watchdog,
            ...(text !== undefined ? { text } : {}),
            ...(requestId ? { requestId } : {}),
          };
        }
        retryAfterMs = parseRetryAfter(header(response.headers, 'retry-after'));
        failure = await this.failureOf(response, request, requestId, retryAfterMs);
      } catch (error) {
        failure = this.transportFailure(error, watchdog, request.signal);
        if (readingReply && failure instanceof ProviderError) {
          failure = new ProviderError(
            `The connection was cut while the reply arrived (${(error as Error).message}); nothing had reached the caller, so it is safe to retry.`,
            { cause: error, retryable: true },
          );
        }
      }
      const delay = failure.retryable ? this.options.retry.nextDelay(attempt, retryAfterMs) : undefined;
      if (delay === undefined) {
        watchdog.dispose();
        throw failure;
      }
      watchdog.pause();
      try {
        // Only the caller's signal and the total timeout may cut a backoff short.
        await sleep(delay, undefined, { signal: watchdog.callSignal });
      } catch (error) {
        watchdog.dispose();
        throw this.transportFailure(error, watchdog, request.signal);
      }
    }
  }

  /** A JSON call: the whole response body, parsed. */
  async json(
    request: TransportRequest,
  ): Promise<{ body: unknown; requestId?: string; headers: OpenResponse['headers'] }> {
    const open = await this.open(request);
    try {
      const text = open.text ?? (await open.body.text());
      return {
        body: text ? JSON.parse(text) : {},
        headers: open.headers,
        ...(open.requestId ? { requestId: open.requestId } : {}),
      };
    } catch (error) {
      throw this.transportFailure(error, open.watchdog, request.signal);
    } finally {
      open.watchdog.dispose();
    }
  }

  private async failureOf(
    response: Dispatcher.ResponseData,
    request: TransportRequest,
    requestId: string | undefined,
    retryAfterMs: number | undefined,
  ): Promise<StrataError> {
    let message = '';
    let text = '';
    try {
      text = await response.body.text();
      const parsed = JSON.parse(text) as { message?: unknown; Message?: unknown };
      message = String(parsed.message ?? parsed.Message ?? '');
    } catch {
      message = text.slice(0, 500);
    }
    const errorType = header(response.headers, 'x-amzn-errortype')?.split(':')[0];
    const failure: BedrockFailure = {
      type: errorType || `HTTP${response.statusCode}`,
      status: response.statusCode,
      message: message || `HTTP ${response.statusCode}`,
      ...(requestId ? { requestId } : {}),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      ...(request.modelId ? { modelId: request.modelId } : {}),
      ...(request.suggestedProfile ? { suggestedProfile: request.suggestedProfile } : {}),
    };
    return fromBedrockFailure(failure);
  }

  /**
   * Maps a thrown network/abort error to a typed one, telling a caller abort from a watchdog. With
   * `partial` (the response had begun), a cut connection is a ModelStreamError carrying it.
   */
  transportFailure(
    error: unknown,
    watchdog: Watchdog,
    callerSignal?: AbortSignal,
    partial?: StreamStalledError['partial'],
  ): StrataError {
    if (error instanceof StrataError) return error;
    if (watchdog.fired === 'total') {
      return new ModelTimeoutError('The call took longer than the total timeout (timeouts.totalMs).', {
        cause: error,
        retryable: false,
      });
    }
    if (watchdog.fired) {
      const what =
        watchdog.fired === 'first-byte'
          ? 'No response arrived within timeouts.firstByteMs'
          : 'The stream went silent for longer than timeouts.idleMs';
      return new StreamStalledError(`${what}; the request was cancelled.`, {
        cause: error,
        retryable: watchdog.fired === 'first-byte',
        ...(partial ? { partial } : {}),
      });
    }
    if (callerSignal?.aborted)
      return new AbortError('The call was aborted by its AbortSignal.', { cause: error });
    const code = (error as { code?: string }).code ?? '';
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? '';
    const retryable = RETRYABLE_CODES.has(code) || RETRYABLE_CODES.has(cause);
    const detail = error instanceof Error ? error.message : String(error);
    if (partial) {
      return new ModelStreamError(
        `The connection was cut mid-reply (${detail}). The partial output is on error.partial.`,
        {
          cause: error,
          retryable: true,
          partial,
        },
      );
    }
    return new ProviderError(
      `Could not reach Bedrock: ${detail}${code ? ` (${code})` : ''}. Check the endpoint, network and proxy settings.`,
      {
        cause: error,
        retryable,
      },
    );
  }
}
