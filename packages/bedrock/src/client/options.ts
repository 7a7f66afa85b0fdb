import type { Dispatcher } from 'undici';
import type { AuthDescription, AwsCredentials, CredentialProvider } from '../auth/types.js';
import type { CachePolicy } from '../cache/index.js';
import type { ModelInfo } from '../models/model-info.js';
import type { Diagnostic, PreflightPolicy } from '../preflight/index.js';
import type { Timeouts } from '../transport/timeouts.js';
import type { ChatEvent, ChatResult } from '../types/events.js';
import type { ChatRequest } from '../types/request.js';

export interface BedrockOptions {
  /** Region; otherwise AWS_REGION, AWS_DEFAULT_REGION, the profile's region, then us-east-1. */
  region?: string;
  /** A shared-config profile (SSO, role, keys…) to take credentials from. */
  profile?: string;
  /** Explicit credentials, or a provider of them (refreshed before they expire). */
  credentials?: AwsCredentials | CredentialProvider;
  /** A Bedrock API key, sent as `Authorization: Bearer`; AWS_BEARER_TOKEN_BEDROCK works too. */
  apiKey?: string;
  /** Runtime endpoint URL (VPC endpoint, proxy, the emulator). */
  endpoint?: string;
  /** Control-plane endpoint URL; defaults to `endpoint` when that is set (the emulator serves both). */
  controlPlaneEndpoint?: string;
  /** Retries of throttling, timeouts, 5xx and connection resets. Default 3. */
  maxRetries?: number;
  /** The first-byte and idle timeouts apply to streams; a whole reply (see `chatReply`) has only the total one. */
  timeouts?: Timeouts;
  /**
   * How `chat()` receives the reply. `whole` (the default) asks Converse / InvokeModel for it in one
   * piece: the least CPU and bytes, and every failure is retried. `stream` collects ConverseStream /
   * InvokeModelWithResponseStream instead, so the first-byte and idle timeouts catch a long generation
   * that stalls, and an error carries the output so far. `stream()` streams whenever the model can.
   */
  chatReply?: 'whole' | 'stream';
  /** `auto`: Converse where the model supports it, native InvokeModel otherwise. */
  api?: 'auto' | 'converse' | 'invoke';
  /** Fix what Bedrock would reject (`repair`, the default), refuse it (`strict`), or send as is (`off`). */
  preflight?: PreflightPolicy;
  /** Place prompt-cache points where they pay (`auto`, the default) or never (`off`). */
  cache?: CachePolicy;
  /** An undici dispatcher to send through, instead of the shared keep-alive pool. */
  dispatcher?: Dispatcher;
  /**
   * Negotiate HTTP/2 on https endpoints (real Bedrock serves it). Default false: HTTP/1.1 keep-alive
   * measured less client CPU per stream at the same throughput (see bench/README.md, Protocols).
   */
  allowH2?: boolean;
  /**
   * Most sockets per origin in the shared pool. Default: no limit — an HTTP/1.1 stream holds its socket
   * for the whole reply, so a cap would queue new streams behind long ones (HTTP/2 multiplexes instead).
   */
  maxConnections?: number;
  /** Extra trusted CA certificates (PEM). */
  ca?: string | string[];
  /** Called with each preflight repair, so an app can log what was fixed. */
  onDiagnostic?: (diagnostic: Diagnostic) => void;
}

export interface TokenCount {
  inputTokens: number;
  /** `count-tokens` when Bedrock counted; `estimate` (about 4 characters a token) when the model has no counter. */
  source: 'count-tokens' | 'estimate';
}

export interface ModelListing extends ModelInfo {
  /** Whether the control plane lists the model in this region; undefined when it was not reachable. */
  listed?: boolean;
  aliases: string[];
}

export interface HealthReport {
  ok: boolean;
  region: string;
  auth: AuthDescription;
  /** Whether the control plane answered, and how fast. */
  reachable: boolean;
  latencyMs?: number;
  /** Per model asked about: whether it may be invoked (checked with CountTokens where it exists). */
  models: { model: string; ok: boolean; detail: string }[];
  error?: string;
}

export interface Bedrock {
  chat(request: ChatRequest): Promise<ChatResult>;
  stream(request: ChatRequest): AsyncIterable<ChatEvent>;
  countTokens(request: ChatRequest): Promise<TokenCount>;
  resolveModel(id: string): Promise<ModelInfo>;
  listModels(): Promise<ModelListing[]>;
  health(options?: { models?: string[] }): Promise<HealthReport>;
  describeAuth(): Promise<AuthDescription>;
}
