export { applicationProfileArn, foundationModelArn, inferenceProfileArn } from './arns.js';
export {
  getFoundationModel,
  getInferenceProfile,
  listFoundationModels,
  listInferenceProfiles,
} from './control-plane.js';
export { createCatalog, DEFAULT_ACCOUNT_ID, DEFAULT_REGION } from './create-catalog.js';
export { FOUNDATION_MODELS } from './foundation-models.js';
export { type ResolveContext, type ResolvedModel, resolveModelIdentifier } from './resolve-model.js';
export type {
  ApplicationProfileConfig,
  Catalog,
  CatalogConfig,
  Customization,
  FoundationModelEntry,
  InferenceType,
  Modality,
  ProfileEntry,
  ProfileGeo,
} from './types.js';
