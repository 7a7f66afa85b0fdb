import { StrataError } from '../errors/strata-error.js';
import type { Bedrock, HealthReport } from './options.js';
import type { StreamContext } from './stream-chat.js';

/**
 * Reachability, identity and model access without spending tokens: the control plane's model list
 * proves the endpoint and credentials; CountTokens (free) proves access to each Claude model asked
 * about, and resolving proves the others exist (their access shows only on a real call).
 */
export async function checkHealth(
  ctx: StreamContext,
  bedrock: Bedrock,
  region: string,
  models: string[],
): Promise<HealthReport> {
  const auth = await bedrock.describeAuth();
  const started = Date.now();
  let reachable = false;
  let error: string | undefined;
  try {
    await ctx.transport.json({
      service: 'control',
      region,
      method: 'GET',
      path: '/foundation-models?byOutputModality=TEXT',
    });
    reachable = true;
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  const latencyMs = Date.now() - started;
  const results = await Promise.all(
    models.map(async (model) => {
      try {
        const info = await ctx.resolve(model);
        if (info.family !== 'anthropic-messages') {
          return {
            model,
            ok: true,
            detail: `resolves to ${info.invokeId}; access is checked on the first call`,
          };
        }
        await bedrock.countTokens({
          model,
          messages: [{ role: 'user', content: [{ type: 'text', text: 'ping' }] }],
        });
        return {
          model,
          ok: true,
          detail: `invocable as ${info.invokeId}${info.routedVia ? ' (routed through an inference profile)' : ''}`,
        };
      } catch (e) {
        return { model, ok: false, detail: e instanceof StrataError ? `${e.code}: ${e.message}` : String(e) };
      }
    }),
  );
  return {
    ok: reachable && results.every((r) => r.ok),
    region,
    auth,
    reachable,
    ...(reachable ? { latencyMs } : {}),
    models: results,
    ...(error ? { error } : {}),
  };
}
