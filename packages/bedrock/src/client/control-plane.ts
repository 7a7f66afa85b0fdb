import { REGISTRY } from '../models/registry-data.js';
import type { ControlPlaneLookup, ModelResolver } from '../models/resolve-model.js';
import type { BedrockTransport } from '../transport/bedrock-transport.js';
import type { ModelListing } from './options.js';

type Json = Record<string, unknown>;

/** GetInferenceProfile over our transport, for the resolver's application-profile ARNs. */
export function controlPlaneLookup(transport: BedrockTransport, region: string): ControlPlaneLookup {
  return {
    async getInferenceProfile(idOrArn) {
      const regionOfArn = /^arn:aws[\w-]*:bedrock:([\w-]+):/.exec(idOrArn)?.[1] ?? region;
      const { body } = await transport.json({
        service: 'control',
        region: regionOfArn,
        method: 'GET',
        path: `/inference-profiles/${encodeURIComponent(idOrArn)}`,
      });
      const profile = body as Json;
      return {
        models: Array.isArray(profile.models) ? (profile.models as { modelArn: string }[]) : [],
        ...(typeof profile.inferenceProfileId === 'string'
          ? { inferenceProfileId: profile.inferenceProfileId }
          : {}),
        ...(typeof profile.type === 'string' ? { type: profile.type } : {}),
      };
    },
  };
}

/**
 * The bundled registry, each model resolved for this region, marked with whether the control plane
 * lists it (when it can be reached). Listing is best-effort: offline, the registry alone answers.
 */
export async function listModels(
  transport: BedrockTransport,
  resolver: ModelResolver,
  region: string,
): Promise<ModelListing[]> {
  let listed: Set<string> | undefined;
  try {
    const { body } = await transport.json({
      service: 'control',
      region,
      method: 'GET',
      path: '/foundation-models',
    });
    const summaries = ((body as Json).modelSummaries ?? []) as Json[];
    listed = new Set(summaries.map((s) => String(s.modelId)));
  } catch {
    listed = undefined;
  }
  const out: ModelListing[] = [];
  for (const model of REGISTRY) {
    const info = await resolver.resolve(model.id).catch(() => undefined);
    if (!info) continue;
    out.push({ ...info, aliases: [...model.aliases], ...(listed ? { listed: listed.has(model.id) } : {}) });
  }
  return out;
}
