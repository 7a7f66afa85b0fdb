import type { NativeFamily } from '../native/codec.js';

export type Modality = 'TEXT' | 'IMAGE' | 'EMBEDDING';
/** `INFERENCE_PROFILE` alone marks a model that Bedrock serves only through an inference profile. */
export type InferenceType = 'ON_DEMAND' | 'INFERENCE_PROFILE' | 'PROVISIONED';
export type Customization = 'FINE_TUNING' | 'CONTINUED_PRE_TRAINING' | 'DISTILLATION';
/** The geographies of system-defined (cross-Region) inference profiles: the prefix of their ids. */
export type ProfileGeo = 'us' | 'eu' | 'apac' | 'global';

/** One foundation model: what ListFoundationModels says of it, plus what the runtime enforces. */
export interface FoundationModelEntry {
  modelId: string;
  modelName: string;
  providerName: string;
  /** The native InvokeModel body format. */
  family: NativeFamily;
  /** Served by Converse and ConverseStream. */
  converse: boolean;
  streaming: boolean;
  inputModalities: Modality[];
  outputModalities: Modality[];
  inferenceTypes: InferenceType[];
  customizations: Customization[];
  /** Tokens of prompt plus output. */
  contextWindow: number;
  maxOutputTokens: number;
  tools: boolean;
  /** Tool use through ConverseStream; false where the model calls tools only through Converse. */
  toolStreaming: boolean;
  /** Extended thinking (Anthropic `thinking`, reasoning content blocks). */
  reasoning: boolean;
  images: boolean;
  /** Converse `document` blocks. */
  documents: boolean;
  /** Converse `system` prompts. */
  systemPrompt: boolean;
  /** The geographies with a system-defined inference profile for this model. */
  profileGeos: ProfileGeo[];
  lifecycle: 'ACTIVE' | 'LEGACY';
  /** Release date, `YYYY-MM-DD`: the creation time of its system profiles. */
  released: string;
}

/** An inference profile as GetInferenceProfile returns it, plus the model it routes to. */
export interface ProfileEntry {
  inferenceProfileId: string;
  inferenceProfileName: string;
  inferenceProfileArn: string;
  description?: string;
  models: { modelArn: string }[];
  status: 'ACTIVE';
  type: 'SYSTEM_DEFINED' | 'APPLICATION';
  /** ISO-8601. */
  createdAt: string;
  updatedAt: string;
  /** The foundation model every request through this profile reaches. */
  modelId: string;
  /** Set on system-defined profiles. */
  geo?: ProfileGeo;
  /** Set on application profiles that were given tags. */
  tags?: Record<string, string>;
}

/** An application inference profile declared in the emulator's configuration. */
export interface ApplicationProfileConfig {
  /** The last part of its ARN, e.g. `abc123xyz`. */
  id: string;
  name: string;
  /** What it copies: a foundation model id or a system-defined profile id. */
  modelId: string;
  tags?: Record<string, string>;
}

export interface CatalogConfig {
  /** Default `us-east-1`. */
  region?: string;
  /** Default `123456789012`. */
  accountId?: string;
  applicationInferenceProfiles?: ApplicationProfileConfig[];
  /** Model ids whose access is not granted: invoking them is refused with AccessDeniedException. */
  deniedModels?: string[];
}

/** The models and profiles of one emulated account and region, with lookup maps built once. */
export interface Catalog {
  readonly region: string;
  readonly accountId: string;
  readonly models: readonly FoundationModelEntry[];
  /** System-defined profiles of every geography, then application profiles. */
  readonly profiles: readonly ProfileEntry[];
  readonly modelsById: ReadonlyMap<string, FoundationModelEntry>;
  /** By profile id: `us.anthropic.…` for system-defined profiles, the ARN's last part for application ones. */
  readonly profilesById: ReadonlyMap<string, ProfileEntry>;
  readonly profilesByArn: ReadonlyMap<string, ProfileEntry>;
  readonly deniedModels: ReadonlySet<string>;
}
