import type { ContentBlock, Usage } from '@strata/bedrock';

/** The gateway's persistent records. Timestamps are ISO-8601 strings (UTC) on both databases. */

export interface Conversation {
  id: string;
  title: string;
  /** What the user picked: anything `resolveModel` accepts. */
  model: string;
  /** The API key that owns it; null when the gateway runs without keys. */
  apiKeyId: string | null;
  createdAt: string;
  updatedAt: string;
}

export type MessageStatus = 'complete' | 'streaming' | 'aborted' | 'failed';

export interface StoredMessage {
  id: string;
  conversationId: string;
  /** Order within the conversation, from 1. */
  seq: number;
  role: 'user' | 'assistant';
  content: ContentBlock[];
  status: MessageStatus;
  /** The turn this message belongs to (a user message and the assistant reply share one). */
  turnId: string;
  usage: Usage | null;
  costUsd: number | null;
  /** The model actually invoked for an assistant message. */
  model: string | null;
  error: string | null;
  createdAt: string;
}

/** One Server-Sent Event of a turn, kept so a reconnecting client can resume (`Last-Event-ID`). */
export interface StoredEvent {
  conversationId: string;
  turnId: string;
  /** Increasing per conversation, from 1: the SSE `id`. */
  seq: number;
  event: string;
  data: unknown;
  createdAt: string;
}

/** `pending` until answered, or closed unanswered (the turn ended, or nobody answered in time). */
export type ApprovalStatus = 'pending' | 'answered' | 'closed';

/** A person's answer to a tool approval (the agent's `ApprovalDecision`). */
export type ApprovalAnswer = { decision: 'allow' | 'always' } | { decision: 'deny'; reason?: string };

/** A tool approval a turn asked for, kept so that any gateway on the database can answer it. */
export interface StoredApproval {
  /** `turnId:approval-N`, as the `approval_request` event names it. */
  id: string;
  conversationId: string;
  turnId: string;
  tool: string;
  status: ApprovalStatus;
  /** Set once answered. */
  answer: ApprovalAnswer | null;
  createdAt: string;
  expiresAt: string;
}

/** The turn running in a conversation, held by the gateway running it with a lease it keeps renewing. */
export interface RunningTurn {
  conversationId: string;
  turnId: string;
  startedAt: string;
  /** Past this the turn counts as gone (its gateway stopped) and the conversation is free. */
  leaseUntil: string;
  /** An abort was asked for, on any gateway. */
  abortRequested: boolean;
}

export interface UsageRecord {
  id: string;
  conversationId: string | null;
  apiKeyId: string | null;
  /** Which surface spent it: the chat app, or the OpenAI / Anthropic compatible APIs. */
  source: 'app' | 'openai' | 'anthropic';
  model: string;
  inputTokens: number;
  outputTokens: number;
  cacheReadInputTokens: number;
  cacheWriteInputTokens: number;
  costUsd: number;
  createdAt: string;
}

/** How `usage.report` groups: `day-model` keys rows `YYYY-MM-DD|model`. */
export type UsageGrouping = 'conversation' | 'model' | 'day' | 'day-model';

export interface UsageRow {
  /** The group: a conversation id, a model id, a day `YYYY-MM-DD`, or a day and model `YYYY-MM-DD|model`. */
  key: string;
  requests: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadInputTokens: number;
  cacheWriteInputTokens: number;
  costUsd: number;
}

export interface ApiKeyRecord {
  id: string;
  name: string;
  /** SHA-256 (hex) of the key; the key itself is never stored. */
  hash: string;
  /** The first characters of the key, to tell keys apart in lists. */
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
}

/** The storage the gateway runs on: SQLite (the default) or PostgreSQL, same behaviour. */
export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  conversations: {
    create(input: { title: string; model: string; apiKeyId: string | null }): Promise<Conversation>;
    get(id: string): Promise<Conversation | undefined>;
    /** Newest first; only the key's own when `apiKeyId` is given (null: those created without a key). */
    list(filter: { apiKeyId: string | null; limit?: number }): Promise<Conversation[]>;
    update(id: string, patch: { title?: string; model?: string }): Promise<Conversation | undefined>;
    /** Deletes the conversation with its messages and events; usage records stay (the bill does not change). */
    delete(id: string): Promise<boolean>;
  };
  messages: {
    /** Appends with the next `seq`, atomically (two gateways may append to one conversation). */
    append(input: Omit<StoredMessage, 'id' | 'seq' | 'createdAt'>): Promise<StoredMessage>;
    update(
      id: string,
      patch: Partial<Pick<StoredMessage, 'content' | 'status' | 'usage' | 'costUsd' | 'model' | 'error'>>,
    ): Promise<void>;
    list(conversationId: string): Promise<StoredMessage[]>;
    /**
     * Marks every message still `streaming` as `failed` with `reason`; returns how many. For a gateway
     * that is the only one on its database (SQLite), at start-up: no turn of a previous process can
     * still be running.
     */
    failInterrupted(reason: string): Promise<number>;
  };
  events: {
    /** Appends with the next `seq` for the conversation, atomically; returns the stored event. */
    append(input: {
      conversationId: string;
      turnId: string;
      event: string;
      data: unknown;
    }): Promise<StoredEvent>;
    /** Events with `seq` greater than `afterSeq`, in order (optionally one turn's only). */
    listAfter(conversationId: string, afterSeq: number, turnId?: string): Promise<StoredEvent[]>;
  };
  approvals: {
    /** Records a pending approval; it must exist before the request is shown to anyone. */
    open(input: {
      id: string;
      conversationId: string;
      turnId: string;
      tool: string;
      expiresAt: string;
    }): Promise<void>;
    get(id: string): Promise<StoredApproval | undefined>;
    /** Answers it if it is still pending and not expired, atomically; false otherwise (one answer wins). */
    answer(id: string, answer: ApprovalAnswer): Promise<boolean>;
    /**
     * Closes pending approvals unanswered: one (`id`), a turn's (`turnId`), or — for a SQLite gateway
     * at start-up, alone on its file — all. Returns how many were pending.
     */
    close(which: { id: string } | { turnId: string } | 'all'): Promise<number>;
  };
  turns: {
    /**
     * Claims the conversation for `turnId` until `leaseUntil`, atomically: false while another turn holds
     * an unexpired lease. A turn whose lease ran out (its gateway stopped) is taken over: its unfinished
     * reply is marked failed and its pending approvals closed.
     */
    start(input: { conversationId: string; turnId: string; leaseUntil: string }): Promise<boolean>;
    /** The conversation's turn, expired or not. */
    get(conversationId: string): Promise<RunningTurn | undefined>;
    /** Pushes the lease forward; false when `turnId` no longer holds the conversation. */
    renew(conversationId: string, turnId: string, leaseUntil: string): Promise<boolean>;
    /** Asks the running (unexpired) turn to abort; false when none runs. */
    requestAbort(conversationId: string): Promise<boolean>;
    /** The conversations running an unexpired turn (of those given; all without), to its id. */
    running(conversationIds?: string[]): Promise<Map<string, string>>;
    /** Frees the conversation if `turnId` still holds it. */
    finish(conversationId: string, turnId: string): Promise<void>;
    /** Frees every conversation: for a SQLite gateway at start-up, alone on its file. Returns how many. */
    clear(): Promise<number>;
  };
  usage: {
    record(input: Omit<UsageRecord, 'id' | 'createdAt'>): Promise<UsageRecord>;
    /**
     * Totals grouped by conversation, model, UTC day, or UTC day and model (`day-model`, keyed
     * `YYYY-MM-DD|model`), since a time, for one key or all.
     */
    report(query: { by: UsageGrouping; since?: string; apiKeyId?: string | null }): Promise<UsageRow[]>;
  };
  keys: {
    create(input: { name: string; hash: string; prefix: string }): Promise<ApiKeyRecord>;
    list(): Promise<ApiKeyRecord[]>;
    revoke(id: string): Promise<boolean>;
    /** Only keys not revoked. */
    findByHash(hash: string): Promise<ApiKeyRecord | undefined>;
  };
  settings: {
    /** Settings are one JSON document per scope (an API key id, or `global`). */
    get(scope: string): Promise<Record<string, unknown>>;
    put(scope: string, value: Record<string, unknown>): Promise<void>;
  };
  /** Throws when the database cannot answer (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
