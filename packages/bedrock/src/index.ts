export { hasAwsCredentials } from './auth/has-credentials.js';
export type { AuthDescription, AwsCredentials, CredentialProvider } from './auth/types.js';
export { type CachePolicy, planCachePoints } from './cache/index.js';
export { createBedrock } from './client/create-bedrock.js';
export type { Bedrock, BedrockOptions, HealthReport, ModelListing, TokenCount } from './client/options.js';
export {
  ConverseStreamDecoder,
  collect,
  type DecodedResponse,
  type DecoderNote,
  fromConverseResponse,
  toConverse,
} from './converse/index.js';
export { estimateCost } from './cost/estimate-cost.js';
export * from './errors/strata-error.js';
export { modelIdsFromEnv } from './models/model-ids-from-env.js';
export type * from './models/model-info.js';
export { type ParsedModelId, parseModelIdentifier } from './models/parse-model-id.js';
export { REGISTRY } from './models/registry-data.js';
export { type ControlPlaneLookup, ModelResolver, type ResolveOptions } from './models/resolve-model.js';
export { suggestModels } from './models/suggest.js';
export { type NativeCodec, type NativeStreamDecoder, nativeCodecFor } from './native/index.js';
export { type Diagnostic, type PreflightPolicy, preflight } from './preflight/index.js';
export { EventStreamSplitter, type StreamMessage } from './transport/event-stream-reader.js';
export { closeSharedDispatchers } from './transport/http-pool.js';
export type { Timeouts } from './transport/timeouts.js';
export type * from './types/index.js';
