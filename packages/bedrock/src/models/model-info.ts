/** The wire format a model family speaks through InvokeModel. */
export type ModelFamily =
  | 'anthropic-messages'
  | 'claude-text'
  | 'titan-text'
  | 'nova'
  | 'llama2'
  | 'llama3'
  | 'mistral'
  | 'cohere-command-r';

export type Geo = 'us' | 'eu' | 'apac' | 'global';

/** Prices in USD per million tokens, for one region. */
export interface Price {
  input: number;
  output: number;
  cacheRead?: number;
  cacheWrite?: number;
}

export interface Capabilities {
  tools: boolean;
  /** toolChoice values the model accepts. */
  toolChoice: ('auto' | 'any' | 'tool')[];
  toolStreaming: boolean;
  images: boolean;
  documents: boolean;
  /** Whether tool results may carry images. */
  imagesInToolResults: boolean;
  systemPrompt: boolean;
  /** How the model reasons: Claude's budgeted extended thinking, or not at all. */
  reasoning: 'none' | 'anthropic-thinking';
  /** Prompt caching with cache points, and the smallest prefix (tokens) that caches. */
  cachePoints: boolean;
  minCacheTokens?: number;
  streaming: boolean;
  topK: boolean;
}

/** One model of the bundled registry (data, not code). */
export interface RegistryModel {
  id: string;
  name: string;
  provider: string;
  family: ModelFamily;
  aliases: string[];
  contextWindow: number;
  maxOutputTokens: number;
  /** Converse serves it (else native InvokeModel only). */
  converse: boolean;
  /** Callable by bare ID; false when only inference profiles serve it. */
  onDemand: boolean;
  /** Geos with a system inference profile (`us.` + id, …). */
  profileGeos: Geo[];
  capabilities: Capabilities;
  /** us-east-1 on-demand price. */
  price: Price;
  /**
   * Multiplier on every rate when called through a geographic cross-region profile (`us.`, `eu.`, `apac.`,
   * `jp.`, `au.`): AWS prices those ~10% above global profiles and in-region calls for Claude 4.5-era models.
   */
  geoProfilePremium?: number;
}

/** What `resolveModel` answers: the model, how to call it, and what it costs. */
export interface ModelInfo {
  /** The ID or ARN to put in the request path. */
  invokeId: string;
  /** The foundation model behind it. */
  baseModelId: string;
  /** What the caller asked for, verbatim. */
  requested: string;
  kind: 'foundation-model' | 'system-profile' | 'application-profile' | 'provisioned' | 'custom';
  region: string;
  family: ModelFamily;
  name: string;
  provider: string;
  api: 'converse' | 'invoke';
  contextWindow: number;
  maxOutputTokens: number;
  capabilities: Capabilities;
  onDemand: boolean;
  /** What this call costs per million tokens: the registry price with the region and route applied. */
  price: Price;
  /** Set when a bare ID was routed to an inference profile for the caller's region. */
  routedVia?: string;
  /**
   * Where the facts come from: the bundled registry; the control plane (the base model it named is not in the
   * registry); or inferred from a well-formed ID of a known provider with conservative defaults and no price.
   */
  source: 'registry' | 'control-plane' | 'inferred';
}
