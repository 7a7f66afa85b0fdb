import { readSse, type SseEvent } from './sse.ts';
import type {
  Conversation,
  Decision,
  ImageUpload,
  Message,
  ModelInfo,
  Settings,
  Status,
  TurnEvent,
  UsageRow,
} from './types.ts';

const KEY_STORAGE = 'strata.apiKey';

/** The API key the user saved in settings (kept in this browser only), or ''. */
export function getApiKey(): string {
  try {
    return globalThis.localStorage?.getItem(KEY_STORAGE) ?? '';
  } catch {
    return '';
  }
}

export function setApiKey(key: string): void {
  try {
    if (key) globalThis.localStorage?.setItem(KEY_STORAGE, key);
    else globalThis.localStorage?.removeItem(KEY_STORAGE);
  } catch {
    // Storage can be unavailable (private mode); the key then lasts for this page only.
  }
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function headers(json: boolean): Record<string, string> {
  const h: Record<string, string> = {};
  if (json) h['content-type'] = 'application/json';
  const key = getApiKey();
  if (key) h.authorization = `Bearer ${key}`;
  return h;
}

/** Turns an error response body (`{error:{message,code}}`, `{message}` or text) into an ApiError. */
export async function errorFrom(res: Response): Promise<ApiError> {
  let message = `${res.status} ${res.statusText}`.trim();
  let code: string | undefined;
  try {
    const text = await res.text();
    try {
      const body = JSON.parse(text) as { error?: unknown; message?: unknown; code?: unknown };
      const err = body.error;
      if (err && typeof err === 'object') {
        const e = err as { message?: unknown; code?: unknown; type?: unknown };
        if (typeof e.message === 'string') message = e.message;
        if (typeof e.code === 'string') code = e.code;
        else if (typeof e.type === 'string') code = e.type;
      } else if (typeof err === 'string') {
        message = err;
      }
      if (typeof body.message === 'string') message = body.message;
      if (typeof body.code === 'string') code = body.code;
    } catch {
      if (text) message = text.slice(0, 300);
    }
  } catch {
    // Keep the status line.
  }
  if (res.status === 401 && !getApiKey()) message += ' — add an API key in Settings.';
  return new ApiError(res.status, message, code);
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, headers: headers(body !== undefined) };
  if (body !== undefined) init.body = JSON.stringify(body);
  const res = await fetch(path, init);
  if (!res.ok) throw await errorFrom(res);
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? await res.json() : undefined) as T;
}

export const api = {
  status: () => request<Status>('GET', '/api/status'),
  models: async () => (await request<{ models: ModelInfo[] }>('GET', '/api/models')).models,
  conversations: async () =>
    (await request<{ conversations: Conversation[] }>('GET', '/api/conversations')).conversations,
  conversation: (id: string) =>
    request<{ conversation: Conversation; messages: Message[] }>('GET', `/api/conversations/${enc(id)}`),
  createConversation: (body: { title?: string; model: string }) =>
    request<Conversation>('POST', '/api/conversations', body),
  updateConversation: (id: string, patch: { title?: string; model?: string }) =>
    request<Conversation>('PATCH', `/api/conversations/${enc(id)}`, patch),
  deleteConversation: (id: string) => request<void>('DELETE', `/api/conversations/${enc(id)}`),
  abort: (id: string) => request<unknown>('POST', `/api/conversations/${enc(id)}/abort`, {}),
  decide: (approvalId: string, decision: Decision, reason?: string) =>
    request<unknown>(
      'POST',
      `/api/approvals/${enc(approvalId)}`,
      reason ? { decision, reason } : { decision },
    ),
  settings: () => request<Settings>('GET', '/api/settings'),
  saveSettings: (settings: Settings) => request<Settings>('PUT', '/api/settings', settings),
  usage: async (by: string, since?: string) =>
    (await request<{ rows: UsageRow[] }>('GET', usageUrl(by, since))).rows,
};

function enc(id: string): string {
  return encodeURIComponent(id);
}

/** The usage grouping by UTC day and model: rows keyed `YYYY-MM-DD|model` (see `toDayModel`). */
export const DAY_MODEL = 'day-model';

export function usageUrl(by: string, since?: string, format?: 'csv'): string {
  const q = new URLSearchParams({ by });
  if (since) q.set('since', since);
  if (format) q.set('format', format);
  return `/api/usage?${q.toString()}`;
}

const TURN_EVENTS = new Set([
  'turn',
  'token',
  'reasoning',
  'tool_call',
  'approval_request',
  'approval_decision',
  'tool_result',
  'usage',
  'done',
  'error',
]);

/** A parsed SSE event as a turn event; undefined for unknown names, keep-alives and bad JSON. */
export function toTurnEvent(sse: SseEvent): TurnEvent | undefined {
  if (!TURN_EVENTS.has(sse.event)) return undefined;
  try {
    const data: unknown = JSON.parse(sse.data);
    if (!data || typeof data !== 'object') return undefined;
    return { event: sse.event, data } as TurnEvent;
  } catch {
    return undefined;
  }
}

export interface StreamResult {
  /** The last SSE id seen, to resume from. */
  lastEventId: number | undefined;
  /** A `done` or `error` event arrived: the turn is over. */
  finished: boolean;
}

/**
 * Reads a turn's event stream until `done`/`error` (then stops reading, since the resume endpoint
 * follows the conversation), the server ends it, or `signal` aborts. Network failures reject.
 */
export async function readTurn(
  res: Response,
  onEvent: (event: TurnEvent, id: number | undefined) => void,
  signal?: AbortSignal,
  after?: number,
): Promise<StreamResult> {
  if (!res.body) throw new ApiError(res.status, 'The response has no body to stream.');
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  if (signal?.aborted) stop.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  const result: StreamResult = { lastEventId: after, finished: false };
  try {
    await readSse(
      res.body,
      (sse) => {
        const id = sse.id !== undefined && sse.id !== '' ? Number(sse.id) : undefined;
        if (id !== undefined && Number.isFinite(id)) result.lastEventId = id;
        const event = toTurnEvent(sse);
        if (!event) return;
        onEvent(event, result.lastEventId);
        if (event.event === 'done' || event.event === 'error') {
          result.finished = true;
          stop.abort();
        }
      },
      stop.signal,
    );
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  return result;
}

/** Sends a user message; resolves with the event-stream response once the gateway accepted it. */
export async function postMessage(
  conversationId: string,
  body: { text: string; images?: ImageUpload[] },
  signal?: AbortSignal,
): Promise<Response> {
  const init: RequestInit = {
    method: 'POST',
    headers: { ...headers(true), accept: 'text/event-stream' },
    body: JSON.stringify(body),
  };
  if (signal) init.signal = signal;
  const res = await fetch(`/api/conversations/${enc(conversationId)}/messages`, init);
  if (!res.ok) throw await errorFrom(res);
  return res;
}

/** Replays a conversation's events after `after`, then follows them until the turn ends. */
export async function followEvents(
  conversationId: string,
  after: number,
  onEvent: (event: TurnEvent, id: number | undefined) => void,
  signal?: AbortSignal,
): Promise<StreamResult> {
  const init: RequestInit = { headers: { ...headers(false), accept: 'text/event-stream' } };
  if (signal) init.signal = signal;
  const res = await fetch(`/api/conversations/${enc(conversationId)}/events?after=${after}`, init);
  if (!res.ok) throw await errorFrom(res);
  return readTurn(res, onEvent, signal, after);
}

/** Downloads a same-origin URL with the API key (a plain link cannot send the header). */
export async function download(url: string, filename: string): Promise<void> {
  const res = await fetch(url, { headers: headers(false) });
  if (!res.ok) throw await errorFrom(res);
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 1000);
}
