/** Statuses worth retrying: throttling, timeouts and server-side failures. */
const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

export const isRetryableStatus = (status: number): boolean => RETRYABLE_STATUSES.has(status);

export interface RetryPolicyOptions {
  maxRetries?: number;
  /** First backoff ceiling; doubles each attempt. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Retry budget: tokens in the bucket, what a retry costs, what a success returns. */
  budget?: { capacity: number; retryCost: number; successRefund: number };
  random?: () => number;
}

/**
 * Exponential backoff with full jitter (AWS's recommendation), honouring Retry-After, under a shared
 * retry budget so that a failing upstream does not see its load multiplied by every client's retries.
 * One policy per client: the budget is shared by all its calls.
 */
export class RetryPolicy {
  readonly maxRetries: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly capacity: number;
  private readonly retryCost: number;
  private readonly successRefund: number;
  private readonly random: () => number;
  private tokens: number;

  constructor(options: RetryPolicyOptions = {}) {
    this.maxRetries = options.maxRetries ?? 3;
    this.baseDelayMs = options.baseDelayMs ?? 200;
    this.maxDelayMs = options.maxDelayMs ?? 20_000;
    const budget = options.budget ?? { capacity: 500, retryCost: 5, successRefund: 1 };
    this.capacity = budget.capacity;
    this.retryCost = budget.retryCost;
    this.successRefund = budget.successRefund;
    this.tokens = budget.capacity;
    this.random = options.random ?? Math.random;
  }

  /** The wait before retry number `attempt` (0-based), or undefined when no retry may happen. */
  nextDelay(attempt: number, retryAfterMs?: number): number | undefined {
    if (attempt >= this.maxRetries || this.tokens < this.retryCost) return undefined;
    this.tokens -= this.retryCost;
    if (retryAfterMs !== undefined) return Math.min(retryAfterMs, this.maxDelayMs);
    const ceiling = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** attempt);
    return Math.floor(this.random() * ceiling);
  }

  recordSuccess(): void {
    this.tokens = Math.min(this.capacity, this.tokens + this.successRefund);
  }

  get remainingBudget(): number {
    return this.tokens;
  }
}

/** Retry-After as seconds or an HTTP date, in ms. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
