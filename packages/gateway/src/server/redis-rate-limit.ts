import { Redis } from 'ioredis';
import type { RateBuckets, RateDecision, RateLimitOptions } from './rate-limit.js';

/**
 * The same token bucket as {@link RateLimiter}, run atomically in Redis so that every gateway process
 * pointed at one Redis spends a key's one budget. Redis's own clock (TIME) is used, so the instances'
 * clocks need not agree. A bucket's hash expires once it would be full again: none is the same as full.
 * ARGV: burst, tokens per ms. Returns { allowed (0|1), retryAfterMs }.
 */
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local burst = tonumber(ARGV[1])
local perMs = tonumber(ARGV[2])
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(b[1])
local at = tonumber(b[2])
if tokens == nil or at == nil then
  tokens = burst
  at = now
end
tokens = math.min(burst, tokens + math.max(0, now - at) * perMs)
local allowed = 0
local retry = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  retry = math.ceil((1 - tokens) / perMs)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) / perMs) + 1000)
return { allowed, retry }
`;

type WithTake = Redis & { strataTake(key: string, burst: number, perMs: number): Promise<[number, number]> };

/**
 * Fails open: while Redis cannot answer, requests are allowed (and the outage logged once, again after
 * each recovery). The limit protects capacity and cost; an outage of the limiter's store should not become
 * an outage of the gateway — auth still applies, and the limit is back as soon as Redis is.
 */
export class RedisRateLimiter implements RateBuckets {
  private readonly client: WithTake;
  private readonly perMs: number;
  private readonly burst: number;
  private failing = false;

  constructor(
    url: string,
    options: RateLimitOptions,
    private readonly onOutage: (error: Error) => void = () => {},
    private readonly prefix = 'strata:ratelimit:',
  ) {
    if (!(options.requestsPerMinute > 0)) throw new RangeError('requestsPerMinute must be positive.');
    this.perMs = options.requestsPerMinute / 60_000;
    this.burst = Math.max(1, options.burst ?? options.requestsPerMinute);
    // No offline queue and a short timeout: while Redis is away, a request is decided at once, not held.
    this.client = new Redis(url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: 1000,
    }) as WithTake;
    this.client.defineCommand('strataTake', { numberOfKeys: 1, lua: TAKE });
    this.client.on('error', (error: Error) => this.fail(error));
  }

  /** Connects; an unreachable Redis is logged, not thrown (the limiter fails open and keeps retrying). */
  async connect(): Promise<this> {
    await this.client.connect().catch((error: Error) => this.fail(error));
    return this;
  }

  async take(key: string): Promise<RateDecision> {
    try {
      const [allowed, retryAfterMs] = await this.client.strataTake(this.prefix + key, this.burst, this.perMs);
      this.failing = false;
      return allowed === 1 ? { allowed: true } : { allowed: false, retryAfterMs: Math.max(1, retryAfterMs) };
    } catch (error) {
      this.fail(error as Error);
      return { allowed: true };
    }
  }

  async close(): Promise<void> {
    if (this.client.status === 'ready') await this.client.quit().catch(() => this.client.disconnect());
    else this.client.disconnect();
  }

  private fail(error: Error): void {
    if (this.failing) return;
    this.failing = true;
    this.onOutage(error);
  }
}
