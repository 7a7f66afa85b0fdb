import { effectivePrice } from '../cost/pricing.js';
import { ModelNotFoundError, ValidationError } from '../errors/strata-error.js';
import { inferModel } from './infer-model.js';
import type { ModelInfo, Price, RegistryModel } from './model-info.js';
import { type ArnParts, type ProfileGeo, parseModelIdentifier } from './parse-model-id.js';
import { findRegistryAlias, findRegistryModel } from './registry.js';
import { routeProfileOnly, scopeOfRegions } from './route-profile.js';
import { looksLikeTypoOfKnownId, suggestModels } from './suggest.js';

/**
 * The control-plane calls the resolver may make, shaped like the Bedrock API's answers (any client that returns
 * these fields fits, e.g. the AWS SDK's BedrockClient wrapped in two functions).
 */
export interface ControlPlaneLookup {
  /** GetInferenceProfile: `models[].modelArn` are the foundation-model ARNs the profile routes to. */
  getInferenceProfile(
    idOrArn: string,
  ): Promise<{ models: { modelArn: string }[]; inferenceProfileId?: string; type?: string }>;
  /** GetProvisionedModelThroughput: `foundationModelArn` is the model behind a provisioned-model ARN. */
  getProvisionedModelThroughput?(idOrArn: string): Promise<{ foundationModelArn: string; modelArn?: string }>;
}

export interface ResolveOptions {
  /** The caller's region: it picks the inference profile for profile-only models and the price. */
  region: string;
  /** Used only for application-profile and provisioned-model ARNs, whose model the ARN does not name. */
  controlPlane?: ControlPlaneLookup;
}

type Plan = { info: ModelInfo } | { key: string; lookup: () => Promise<ModelInfo> };

/** Turns any model identifier into one ModelInfo: what to invoke, the model behind it, and what it costs. */
export class ModelResolver {
  readonly #region: string;
  readonly #controlPlane: ControlPlaneLookup | undefined;
  // One lookup per ARN: concurrent resolves share the promise; a failed lookup is forgotten so a retry can work.
  readonly #lookups = new Map<string, Promise<ModelInfo>>();
  readonly #settled = new Map<string, ModelInfo>();
  readonly #offline = new Map<string, ModelInfo>();

  constructor(options: ResolveOptions) {
    this.#region = options.region;
    this.#controlPlane = options.controlPlane;
  }

  async resolve(id: string): Promise<ModelInfo> {
    const known = this.#offline.get(id);
    if (known) return known;
    const plan = this.#plan(id);
    if ('info' in plan) {
      // Every call resolves its model: remember the offline answers (a few ids in practice; capped).
      if (this.#offline.size < 1000) this.#offline.set(id, plan.info);
      return plan.info;
    }
    const settled = this.#settled.get(plan.key);
    if (settled) return copyFor(settled, id);
    let pending = this.#lookups.get(plan.key);
    if (!pending) {
      pending = plan.lookup().then(
        (info) => {
          this.#settled.set(plan.key, info);
          this.#lookups.delete(plan.key);
          return info;
        },
        (error: unknown) => {
          this.#lookups.delete(plan.key);
          throw error;
        },
      );
      this.#lookups.set(plan.key, pending);
    }
    return copyFor(await pending, id);
  }

  /**
   * Everything that needs no network, or whose lookup is already cached; undefined when a lookup is needed.
   * Throws what `resolve` would reject with.
   */
  resolveSync(id: string): ModelInfo | undefined {
    const plan = this.#plan(id);
    if ('info' in plan) return plan.info;
    const settled = this.#settled.get(plan.key);
    return settled ? copyFor(settled, id) : undefined;
  }

  #plan(requested: string): Plan {
    const parsed = parseModelIdentifier(requested);
    switch (parsed.form) {
      case 'alias':
        return { info: this.#bare(requested, parsed.alias, aliasModel(parsed.alias), true) };
      case 'foundation-model':
        return { info: this.#bare(requested, parsed.modelId, knownOrInferred(parsed.modelId), false) };
      case 'system-profile': {
        const { model, source } = knownOrInferred(parsed.modelId);
        const route = { invokeId: parsed.profileId, kind: 'system-profile', region: this.#region } as const;
        return { info: toInfo(model, requested, { ...route, source, profileGeo: parsed.geo }) };
      }
      case 'foundation-model-arn': {
        const { model, source } = knownOrInferred(parsed.modelId);
        return { info: toInfo(model, requested, { ...this.#arnRoute(parsed, 'foundation-model'), source }) };
      }
      case 'system-profile-arn': {
        const { model, source } = knownOrInferred(parsed.modelId);
        const route = this.#arnRoute(parsed, 'system-profile');
        return { info: toInfo(model, requested, { ...route, source, profileGeo: parsed.geo }) };
      }
      case 'custom-model-arn': {
        const { model, source } = knownOrInferred(parsed.baseModelId);
        // Custom models bill by provisioned throughput or deployment, not by the base model's token price.
        return {
          info: toInfo(model, requested, { ...this.#arnRoute(parsed, 'custom'), source, price: UNPRICED }),
        };
      }
      case 'application-profile-arn':
        return { key: parsed.arn, lookup: () => this.#applicationProfile(requested, parsed) };
      case 'provisioned-model-arn':
        return { key: parsed.arn, lookup: () => this.#provisioned(requested, parsed) };
      case 'imported-model-arn':
        throw new ValidationError(
          `"${parsed.arn}" is an imported model: neither its ARN nor the control plane names a foundation model, ` +
            'so Strata cannot tell which request format it expects. Call it with InvokeModel through the AWS SDK.',
          { path: 'model' },
        );
    }
  }

  /** A bare ID or alias: invoked as is when the model is on demand, else routed to the region's profile. */
  #bare(requested: string, asked: string, found: Found, isAlias: boolean): ModelInfo {
    const { model, source } = found;
    const invokeId = isAlias ? model.id : asked;
    if (model.onDemand) {
      return toInfo(model, requested, { invokeId, kind: 'foundation-model', region: this.#region, source });
    }
    const { profileId, geo } = routeProfileOnly(model, this.#region);
    const route = {
      invokeId: profileId,
      kind: 'system-profile',
      region: this.#region,
      profileGeo: geo,
    } as const;
    return toInfo(model, requested, { ...route, source, routedVia: profileId });
  }

  #arnRoute(arn: ArnParts, kind: ModelInfo['kind']) {
    return { invokeId: arn.arn, kind, region: arn.region || this.#region };
  }

  async #applicationProfile(requested: string, parsed: ArnParts & { profileId: string }): Promise<ModelInfo> {
    const controlPlane = this.#requireControlPlane(parsed.arn, 'an application inference profile');
    const profile = await controlPlane.getInferenceProfile(parsed.arn);
    const first = profile.models[0]?.modelArn;
    if (!first) throw new ModelNotFoundError(`GetInferenceProfile for "${parsed.arn}" listed no model.`);
    const { model, source } = controlPlaneModel(first, parsed.arn);
    // A profile copied from a system profile lists one model ARN per destination region: its spread tells
    // whether it bills like a geographic or a global profile.
    const profileGeo = scopeOfRegions(profile.models.map((entry) => regionOfArn(entry.modelArn)));
    const route = this.#arnRoute(parsed, 'application-profile');
    return toInfo(model, requested, { ...route, source, ...(profileGeo ? { profileGeo } : {}) });
  }

  async #provisioned(requested: string, parsed: ArnParts): Promise<ModelInfo> {
    const controlPlane = this.#requireControlPlane(parsed.arn, 'a provisioned model');
    if (!controlPlane.getProvisionedModelThroughput) {
      throw new ValidationError(
        `Resolving the provisioned model "${parsed.arn}" needs GetProvisionedModelThroughput: give the ` +
          'controlPlane a getProvisionedModelThroughput function.',
        { path: 'model' },
      );
    }
    const throughput = await controlPlane.getProvisionedModelThroughput(parsed.arn);
    const { model, source } = controlPlaneModel(throughput.foundationModelArn, parsed.arn);
    // Provisioned throughput bills per model unit and hour; a token costs nothing extra.
    return toInfo(model, requested, { ...this.#arnRoute(parsed, 'provisioned'), source, price: UNPRICED });
  }

  #requireControlPlane(arn: string, what: string): ControlPlaneLookup {
    if (this.#controlPlane) return this.#controlPlane;
    throw new ValidationError(
      `"${arn}" is ${what}; its ARN does not name the model, so resolving it needs the Bedrock control plane. ` +
        'Create the ModelResolver with a controlPlane, or use the foundation model or system profile ID instead.',
      { path: 'model' },
    );
  }
}

const UNPRICED: Price = { input: 0, output: 0 };

/** A cached answer for another request: its own copy, so one caller's edits never reach the next. */
function copyFor(info: ModelInfo, requested: string): ModelInfo {
  const { capabilities, price } = info;
  return {
    ...info,
    requested,
    capabilities: { ...capabilities, toolChoice: [...capabilities.toolChoice] },
    price: { ...price },
  };
}

type Found = { model: RegistryModel; source: ModelInfo['source'] };

function aliasModel(alias: string): Found {
  const model = findRegistryAlias(alias);
  if (!model) throw notFound(alias);
  return { model, source: 'registry' };
}

/**
 * A registry model, or a stand-in inferred from a known provider's well-formed ID (documented in inferModel) —
 * unless the ID is a near miss of a registry ID, which is reported as unknown with suggestions.
 */
function knownOrInferred(modelId: string): Found {
  const model = findRegistryModel(modelId);
  if (model) return { model, source: 'registry' };
  const inferred = looksLikeTypoOfKnownId(modelId) ? undefined : inferModel(modelId);
  if (inferred) return { model: inferred, source: 'inferred' };
  throw notFound(modelId);
}

/** The model a control-plane answer names: registry facts if known, else inferred and marked as control-plane. */
function controlPlaneModel(foundationModelArn: string, askedArn: string): Found {
  const parsed = parseModelIdentifier(foundationModelArn);
  if (parsed.form !== 'foundation-model-arn') {
    throw new ModelNotFoundError(
      `The control plane answered "${foundationModelArn}" for "${askedArn}", which is not a foundation-model ARN.`,
    );
  }
  const found = knownOrInferred(parsed.modelId);
  return found.source === 'registry' ? found : { model: found.model, source: 'control-plane' };
}

function regionOfArn(arn: string): string {
  return arn.split(':')[3] ?? '';
}

function notFound(asked: string): ModelNotFoundError {
  const suggestions = suggestModels(asked);
  const hint =
    suggestions.length > 0 ? ` Did you mean ${suggestions.join(', ')}?` : ' No known model is close to it.';
  return new ModelNotFoundError(
    `Unknown model "${asked}".${hint} Use a registry alias, a Bedrock model or inference profile ID, or an ARN ` +
      '(`strata models` lists the known ones).',
    { suggestions },
  );
}

interface InfoRoute {
  invokeId: string;
  kind: ModelInfo['kind'];
  region: string;
  source: ModelInfo['source'];
  profileGeo?: ProfileGeo;
  routedVia?: string;
  price?: Price;
}

function toInfo(model: RegistryModel, requested: string, route: InfoRoute): ModelInfo {
  const price =
    route.price ??
    effectivePrice(model.price, {
      region: route.region,
      ...(route.profileGeo ? { profileGeo: route.profileGeo } : {}),
      ...(model.geoProfilePremium !== undefined ? { geoProfilePremium: model.geoProfilePremium } : {}),
    });
  return {
    invokeId: route.invokeId,
    baseModelId: model.id,
    requested,
    kind: route.kind,
    region: route.region,
    family: model.family,
    name: model.name,
    provider: model.provider,
    api: model.converse ? 'converse' : 'invoke',
    contextWindow: model.contextWindow,
    maxOutputTokens: model.maxOutputTokens,
    // A copy, so a caller that edits its ModelInfo cannot change the shared registry.
    capabilities: { ...model.capabilities, toolChoice: [...model.capabilities.toolChoice] },
    onDemand: model.onDemand,
    price: { ...price },
    ...(route.routedVia ? { routedVia: route.routedVia } : {}),
    source: route.source,
  };
}
