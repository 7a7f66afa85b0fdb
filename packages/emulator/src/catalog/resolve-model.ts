import {
  EmulatorError,
  invalidModelIdentifier,
  modelNotFound,
  validationError,
} from '../errors/emulator-error.js';
import { MODEL_ID, parseBedrockArn } from './arns.js';
import { profileUsableFrom } from './inference-profiles.js';
import type { Catalog, FoundationModelEntry, ProfileEntry } from './types.js';

export interface ResolvedModel {
  model: FoundationModelEntry;
  /** The inference profile the identifier named, if it named one. */
  profile?: ProfileEntry;
}

export interface ResolveContext {
  /** The Region the request was made in: it decides which geography's profiles it may use. */
  region: string;
  catalog: Catalog;
  /**
   * The call invokes nothing (CountTokens): a profile-only model may be named by its bare ID, since
   * no on-demand capacity is used.
   */
  noInvocation?: boolean;
}

/** Resources a model identifier may name that the emulator never holds: always "not found". */
const UNHELD_RESOURCES = new Set([
  'provisioned-model',
  'custom-model',
  'custom-model-deployment',
  'imported-model',
]);

const onDemandUnsupported = (modelId: string): EmulatorError =>
  validationError(
    `Invocation of model ID ${modelId} with on-demand throughput isn't supported. Retry your request with the ID or ARN of an inference profile that contains this model.`,
  );

const accessDenied = (): EmulatorError =>
  new EmulatorError(
    403,
    'AccessDeniedException',
    "You don't have access to the model with the specified model ID.",
  );

/**
 * Resolves the `modelId` of a runtime request as Bedrock does. It accepts a foundation model id, a
 * system-defined profile id (`us.`, `eu.`, `apac.`, `global.`), an application profile id, or the ARN of
 * a foundation model, an inference profile, an application inference profile or a provisioned model, and
 * throws Bedrock's answers: 400 for an identifier of no known shape, or a system profile of another
 * geography than the request's Region; 404 for a well-formed one that names nothing; 400 for a
 * profile-only model called on demand; 403 for a model whose access is denied.
 */
export function resolveModelIdentifier(idOrArn: string, ctx: ResolveContext): ResolvedModel {
  const resolved = idOrArn.startsWith('arn:') ? fromArn(idOrArn, ctx) : fromId(idOrArn, ctx);
  if (ctx.catalog.deniedModels.has(resolved.model.modelId)) throw accessDenied();
  return resolved;
}

function fromId(id: string, ctx: ResolveContext): ResolvedModel {
  const profile = ctx.catalog.profilesById.get(id);
  if (profile) return throughProfile(profile, ctx);
  const model = ctx.catalog.modelsById.get(id);
  if (model) return ctx.noInvocation ? { model } : onDemand(model);
  throw MODEL_ID.test(id) ? modelNotFound() : invalidModelIdentifier();
}

function fromArn(arn: string, ctx: ResolveContext): ResolvedModel {
  const parts = parseBedrockArn(arn);
  if (!parts) throw invalidModelIdentifier();
  switch (parts.resourceType) {
    case 'foundation-model': {
      if (parts.accountId !== '' || !MODEL_ID.test(parts.resourceId)) throw invalidModelIdentifier();
      const model = ctx.catalog.modelsById.get(parts.resourceId);
      if (!model) throw modelNotFound();
      return ctx.noInvocation ? { model } : onDemand(model);
    }
    case 'inference-profile':
    case 'application-inference-profile': {
      const profile = ctx.catalog.profilesByArn.get(arn);
      if (!profile) throw modelNotFound();
      return throughProfile(profile, ctx);
    }
    default:
      throw UNHELD_RESOURCES.has(parts.resourceType) ? modelNotFound() : invalidModelIdentifier();
  }
}

function onDemand(model: FoundationModelEntry): ResolvedModel {
  if (!model.inferenceTypes.includes('ON_DEMAND')) throw onDemandUnsupported(model.modelId);
  return { model };
}

function throughProfile(profile: ProfileEntry, ctx: ResolveContext): ResolvedModel {
  if (!profileUsableFrom(profile, ctx.region)) throw invalidModelIdentifier();
  const model = ctx.catalog.modelsById.get(profile.modelId);
  // createCatalog only builds profiles over its own models.
  if (!model) throw modelNotFound();
  return { model, profile };
}
