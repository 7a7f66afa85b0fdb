import { chooseAuthSource, describeSource } from '../auth/credential-source.js';
import { resolveRegion } from '../auth/resolve-region.js';
import { type CollectedResult, collect, MessageCollector } from '../converse/collect-events.js';
import { ModelResolver } from '../models/resolve-model.js';
import { BedrockTransport } from '../transport/bedrock-transport.js';
import { sharedDispatcher } from '../transport/http-pool.js';
import { RetryPolicy } from '../transport/retry-policy.js';
import { DEFAULT_TIMEOUTS } from '../transport/timeouts.js';
import type { ChatResult } from '../types/events.js';
import type { ChatRequest } from '../types/request.js';
import { controlPlaneLookup, listModels } from './control-plane.js';
import { countTokens } from './count-tokens.js';
import { endpointResolver } from './endpoints.js';
import { checkHealth } from './health.js';
import type { Bedrock, BedrockOptions } from './options.js';
import { planChat, type StreamContext, streamChat } from './stream-chat.js';
import { wholeReply } from './whole-reply.js';

/**
 * Creates a Bedrock client. Nothing is read or fetched until the first call: the region (which may
 * come from the shared config file) and the credentials load then, once.
 */
export function createBedrock(options: BedrockOptions = {}): Bedrock {
  const auth = chooseAuthSource(options);
  const retry = new RetryPolicy({ maxRetries: options.maxRetries ?? 3 });
  const transport = new BedrockTransport({
    auth,
    dispatcher:
      options.dispatcher ??
      sharedDispatcher({
        // HTTP/1.1 keep-alive unless asked: undici's pool opens a connection per stream in a burst over
        // HTTP/2 as well, and there HTTP/1.1 cost ~15 % less client CPU per stream at the same
        // throughput (bench/protocols.mjs, 64 streams at once over TLS).
        allowH2: options.allowH2 ?? false,
        ...(options.maxConnections !== undefined ? { connections: options.maxConnections } : {}),
        ...(options.ca !== undefined ? { ca: options.ca } : {}),
      }),
    retry,
    timeouts: { ...DEFAULT_TIMEOUTS, ...options.timeouts },
    endpoint: endpointResolver(options),
  });
  const profile = auth.method === 'sigv4' ? auth.profile : options.profile;
  let region: ReturnType<typeof resolveRegion> | undefined;
  const getRegion = () => {
    region ??= resolveRegion(options.region, profile);
    return region;
  };
  let resolver: ModelResolver | undefined;
  const getResolver = async (): Promise<ModelResolver> => {
    const { region: name } = await getRegion();
    resolver ??= new ModelResolver({ region: name, controlPlane: controlPlaneLookup(transport, name) });
    return resolver;
  };
  const ctx: StreamContext = {
    transport,
    retry,
    options,
    resolve: async (id) => (await getResolver()).resolve(id),
  };

  const bedrock: Bedrock = {
    stream: (request: ChatRequest) => streamChat(ctx, request),
    async chat(request: ChatRequest): Promise<ChatResult> {
      const call = await planChat(ctx, request);
      let result: CollectedResult;
      if (options.chatReply === 'stream' && !call.wholeOnly) {
        const collector = new MessageCollector();
        for await (const event of streamChat(ctx, request, call)) collector.add(event);
        result = collector.result();
      } else {
        result = collect(await wholeReply(ctx, call));
      }
      const { routedVia } = call.model;
      return { ...result, ...(routedVia ? { routedVia } : {}) };
    },
    countTokens: (request) => countTokens(ctx, request),
    resolveModel: (id) => ctx.resolve(id),
    listModels: async () => listModels(transport, await getResolver(), (await getRegion()).region),
    async describeAuth() {
      const r = await getRegion();
      if (auth.method === 'sigv4') await auth.credentials.get().catch(() => undefined);
      return describeSource(auth, { region: r.region, regionSource: r.source });
    },
    health: async (healthOptions) =>
      checkHealth(ctx, bedrock, (await getRegion()).region, healthOptions?.models ?? []),
  };
  return bedrock;
}
