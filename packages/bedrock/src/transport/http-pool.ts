import { Agent, type Dispatcher, EnvHttpProxyAgent } from 'undici';

export interface PoolOptions {
  /** Negotiate HTTP/2 by ALPN on https endpoints (real Bedrock serves it). */
  allowH2?: boolean;
  /** Extra trusted CA certificates (PEM), e.g. for a TLS-inspecting proxy or a private endpoint. */
  ca?: string | string[];
  /** Most sockets per origin (default: no limit). */
  connections?: number;
}

const pools = new Map<string, Dispatcher>();

const hasProxyEnv = (env = process.env): boolean =>
  Boolean(env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy);

/**
 * One keep-alive dispatcher per configuration, shared by every client in the process: creating a
 * client per request must not mean a new socket per request. undici's Agent keeps a pool per origin;
 * with HTTPS_PROXY/HTTP_PROXY set (and NO_PROXY honoured) its proxy-aware variant is used instead.
 * NODE_EXTRA_CA_CERTS is honoured by Node's TLS for both.
 */
export function sharedDispatcher(options: PoolOptions = {}): Dispatcher {
  const proxy = hasProxyEnv();
  const key = JSON.stringify([
    options.allowH2 ?? false,
    options.ca ?? null,
    options.connections ?? null,
    proxy,
  ]);
  let pool = pools.get(key);
  if (!pool) {
    const agentOptions = {
      keepAliveTimeout: 60_000,
      keepAliveMaxTimeout: 600_000,
      connections: options.connections ?? null,
      allowH2: options.allowH2 ?? false,
      ...(options.ca ? { connect: { ca: options.ca } } : {}),
    };
    pool = proxy ? new EnvHttpProxyAgent(agentOptions) : new Agent(agentOptions);
    pools.set(key, pool);
  }
  return pool;
}

/** Closes every shared pool (tests and short-lived CLIs call it to exit promptly). */
export async function closeSharedDispatchers(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((pool) => pool.close()));
}
