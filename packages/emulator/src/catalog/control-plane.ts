import { EmulatorError, modelNotFound, validationError } from '../errors/emulator-error.js';
import { foundationModelArn, parseBedrockArn } from './arns.js';
import { profileUsableFrom } from './inference-profiles.js';
import type { Catalog, FoundationModelEntry, ProfileEntry } from './types.js';

/*
 * The control-plane answers, shaped as `@aws-sdk/client-bedrock` deserialises them: member names of
 * FoundationModelSummary / FoundationModelDetails / InferenceProfileSummary, timestamps as ISO-8601
 * strings (the model's `date-time` format), absent members left out rather than null.
 */

/** ListInferenceProfiles' page size when the caller gives none: its maximum, so one page holds all. */
const DEFAULT_MAX_RESULTS = 1000;

function modelSummary(catalog: Catalog, m: FoundationModelEntry): Record<string, unknown> {
  return {
    modelArn: foundationModelArn(catalog.region, m.modelId),
    modelId: m.modelId,
    modelName: m.modelName,
    providerName: m.providerName,
    inputModalities: m.inputModalities,
    outputModalities: m.outputModalities,
    responseStreamingSupported: m.streaming,
    customizationsSupported: m.customizations,
    inferenceTypesSupported: m.inferenceTypes,
    modelLifecycle: { status: m.lifecycle },
  };
}

function profileSummary(p: ProfileEntry): Record<string, unknown> {
  return {
    inferenceProfileName: p.inferenceProfileName,
    ...(p.description !== undefined ? { description: p.description } : {}),
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    inferenceProfileArn: p.inferenceProfileArn,
    models: p.models,
    inferenceProfileId: p.inferenceProfileId,
    status: p.status,
    type: p.type,
  };
}

/** `GET /foundation-models`: filters `byProvider` (any case), `byOutputModality`, `byInferenceType`, `byCustomizationType`. */
export function listFoundationModels(
  catalog: Catalog,
  query: URLSearchParams,
): { modelSummaries: unknown[] } {
  const provider = query.get('byProvider')?.toLowerCase();
  const modality = query.get('byOutputModality');
  const inferenceType = query.get('byInferenceType');
  const customization = query.get('byCustomizationType');
  const matching = catalog.models.filter(
    (m) =>
      (provider === undefined || m.providerName.toLowerCase() === provider) &&
      (modality === null || m.outputModalities.some((x) => x === modality)) &&
      (inferenceType === null || m.inferenceTypes.some((x) => x === inferenceType)) &&
      (customization === null || m.customizations.some((x) => x === customization)),
  );
  return { modelSummaries: matching.map((m) => modelSummary(catalog, m)) };
}

/** `GET /foundation-models/{modelIdentifier}`: a model id or its ARN. */
export function getFoundationModel(catalog: Catalog, identifier: string): { modelDetails: unknown } {
  const arn = identifier.startsWith('arn:') ? parseBedrockArn(identifier) : undefined;
  const id = arn?.resourceType === 'foundation-model' ? arn.resourceId : identifier;
  const model = catalog.modelsById.get(id);
  if (!model) throw modelNotFound();
  return { modelDetails: modelSummary(catalog, model) };
}

/** The profiles visible from the catalog's Region: its geography's, the global ones, the application ones. */
const visibleProfiles = (catalog: Catalog): ProfileEntry[] =>
  catalog.profiles.filter((p) => profileUsableFrom(p, catalog.region));

/** `GET /inference-profiles`: `type` (the SDK's `typeEquals` member on the wire), `maxResults`, `nextToken`. */
export function listInferenceProfiles(
  catalog: Catalog,
  query: URLSearchParams,
): { inferenceProfileSummaries: unknown[]; nextToken?: string } {
  const type = query.get('type');
  const profiles = visibleProfiles(catalog).filter((p) => type === null || p.type === type);
  const start = pageStart(query.get('nextToken'), profiles.length);
  const max = Number(query.get('maxResults') ?? DEFAULT_MAX_RESULTS);
  const end = Math.min(
    profiles.length,
    start + (Number.isInteger(max) && max > 0 ? max : DEFAULT_MAX_RESULTS),
  );
  return {
    inferenceProfileSummaries: profiles.slice(start, end).map(profileSummary),
    ...(end < profiles.length ? { nextToken: Buffer.from(`offset:${end}`).toString('base64') } : {}),
  };
}

/** Where a page starts: tokens are opaque to clients, an offset here. */
function pageStart(token: string | null, total: number): number {
  if (token === null) return 0;
  const offset = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64').toString('utf8'))?.[1];
  const start = offset === undefined ? Number.NaN : Number(offset);
  if (!(start > 0 && start < total)) throw validationError('The provided pagination token is invalid.');
  return start;
}

/** `GET /inference-profiles/{inferenceProfileIdentifier}`: an id or ARN, system-defined or application. */
export function getInferenceProfile(catalog: Catalog, identifier: string): Record<string, unknown> {
  const profile = identifier.startsWith('arn:')
    ? catalog.profilesByArn.get(identifier)
    : catalog.profilesById.get(identifier);
  if (!profile || !profileUsableFrom(profile, catalog.region)) {
    throw new EmulatorError(404, 'ResourceNotFoundException', `Inference profile ${identifier} not found.`);
  }
  return profileSummary(profile);
}
