import {
  type Catalog,
  getFoundationModel,
  getInferenceProfile,
  listFoundationModels,
  listInferenceProfiles,
} from '../catalog/index.js';

type Json = Record<string, unknown>;

/** The control-plane operations the emulator serves, by Smithy operation name. */
export const CONTROL_HANDLERS: Record<
  string,
  (catalog: Catalog, input: Json, query: URLSearchParams) => unknown
> = {
  ListFoundationModels: (catalog, _input, query) => listFoundationModels(catalog, query),
  GetFoundationModel: (catalog, input) => getFoundationModel(catalog, String(input.modelIdentifier)),
  ListInferenceProfiles: (catalog, _input, query) => listInferenceProfiles(catalog, query),
  GetInferenceProfile: (catalog, input) =>
    getInferenceProfile(catalog, String(input.inferenceProfileIdentifier)),
};
