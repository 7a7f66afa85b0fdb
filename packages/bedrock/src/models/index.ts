export { modelIdsFromEnv } from './model-ids-from-env.js';
export type * from './model-info.js';
export {
  type ArnParts,
  type ParsedModelId,
  PROFILE_GEOS,
  type ProfileGeo,
  parseModelIdentifier,
} from './parse-model-id.js';
export { findRegistryAlias, findRegistryModel } from './registry.js';
export { REGISTRY } from './registry-data.js';
export { type ControlPlaneLookup, ModelResolver, type ResolveOptions } from './resolve-model.js';
export { suggestModels } from './suggest.js';
