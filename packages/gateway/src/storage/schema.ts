import type { ColumnType } from 'kysely';
import type { ApprovalAnswer, ApprovalStatus, MessageStatus, UsageRecord } from './types.js';

/**
 * The tables as Kysely sees them. Timestamps are ISO-8601 text on both databases, so they compare and
 * sort as strings. JSON columns are written as JSON text and read back as whatever the driver returns
 * (a string from SQLite, a parsed value from PostgreSQL's json type); `json.ts` evens that out.
 */
type Json = ColumnType<unknown, string, string>;
type NullableJson = ColumnType<unknown, string | null, string | null>;

export interface ConversationsTable {
  id: string;
  title: string;
  model: string;
  api_key_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface MessagesTable {
  id: string;
  conversation_id: string;
  seq: number;
  role: 'user' | 'assistant';
  content: Json;
  status: MessageStatus;
  turn_id: string;
  usage: NullableJson;
  cost_usd: number | null;
  model: string | null;
  error: string | null;
  created_at: string;
}

export interface EventsTable {
  conversation_id: string;
  seq: number;
  turn_id: string;
  event: string;
  data: Json;
  created_at: string;
}

export interface UsageTable {
  id: string;
  /** Not a foreign key: the ledger keeps the id of a deleted conversation. */
  conversation_id: string | null;
  api_key_id: string | null;
  source: UsageRecord['source'];
  model: string;
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens: number;
  cache_write_input_tokens: number;
  cost_usd: number;
  created_at: string;
  /** The UTC day of `created_at` (`YYYY-MM-DD`), stored so grouping by day is the same SQL on both databases. */
  day: string;
}

export interface ApiKeysTable {
  id: string;
  name: string;
  hash: string;
  prefix: string;
  created_at: string;
  revoked_at: string | null;
}

export interface SettingsTable {
  scope: string;
  value: Json;
  updated_at: string;
}

export interface ApprovalsTable {
  /** `turnId:approval-N`: what the approval_request event names. */
  id: string;
  conversation_id: string;
  turn_id: string;
  tool: string;
  status: ApprovalStatus;
  decision: ApprovalAnswer['decision'] | null;
  reason: string | null;
  created_at: string;
  /** After this an answer is refused, so a turn whose gateway died does not look answerable forever. */
  expires_at: string;
  answered_at: string | null;
}

/** One row per conversation with a turn running: its primary key is what allows one turn at a time. */
export interface RunningTurnsTable {
  conversation_id: string;
  turn_id: string;
  started_at: string;
  /** The running gateway pushes this forward while it lives; once past, the conversation is free again. */
  lease_until: string;
  /** Set by an abort taken on any gateway; the running one polls for it. */
  abort_requested_at: string | null;
}

export interface Database {
  conversations: ConversationsTable;
  messages: MessagesTable;
  events: EventsTable;
  usage: UsageTable;
  api_keys: ApiKeysTable;
  settings: SettingsTable;
  approvals: ApprovalsTable;
  running_turns: RunningTurnsTable;
}

export type Dialect = 'sqlite' | 'postgres';
