/**
 * Per-caller token buckets, in this process only: each caller may spend `burst` requests at once,
 * refilled at `requestsPerMinute`. Several gateway processes each keep their own buckets.
 */
export interface RateLimitOptions {
  requestsPerMinute: number;
  /** Requests allowed back to back after a quiet spell; default `requestsPerMinute`. */
  burst?: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/** What the gateway needs of a set of buckets: in this process ({@link RateLimiter}) or in Redis. */
export interface RateBuckets {
  /** Spends one token of `key`'s bucket, or says how long until one is available. */
  take(key: string): RateDecision | Promise<RateDecision>;
  close?(): Promise<void>;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Buckets kept before full ones (callers quiet long enough to be back at `burst`) are forgotten. */
const SWEEP_AT = 10_000;

export class RateLimiter implements RateBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;
  private readonly burst: number;
  /** Grows with the live callers so that many busy ones do not make every request sweep. */
  private sweepAt = SWEEP_AT;

  constructor(
    options: RateLimitOptions,
    private readonly now: () => number = Date.now,
  ) {
    if (!(options.requestsPerMinute > 0)) throw new RangeError('requestsPerMinute must be positive.');
    this.perMs = options.requestsPerMinute / 60_000;
    this.burst = Math.max(1, options.burst ?? options.requestsPerMinute);
  }

  /** Spends one token of `key`'s bucket, or says how long until one is available. */
  take(key: string): RateDecision {
    const now = this.now();
    const bucket = this.refilled(this.buckets.get(key), now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      this.buckets.set(key, bucket);
      if (this.buckets.size > this.sweepAt) this.sweep(now);
      return { allowed: true };
    }
    this.buckets.set(key, bucket);
    return { allowed: false, retryAfterMs: Math.ceil((1 - bucket.tokens) / this.perMs) };
  }

  private refilled(bucket: Bucket | undefined, now: number): Bucket {
    if (!bucket) return { tokens: this.burst, at: now };
    return { tokens: Math.min(this.burst, bucket.tokens + (now - bucket.at) * this.perMs), at: now };
  }

  /** A full bucket is the same as none, so dropping them bounds memory without changing any answer. */
  private sweep(now: number): void {
    for (const [key, bucket] of this.buckets)
      if (this.refilled(bucket, now).tokens >= this.burst) this.buckets.delete(key);
    this.sweepAt = Math.max(SWEEP_AT, this.buckets.size * 2);
  }
}
