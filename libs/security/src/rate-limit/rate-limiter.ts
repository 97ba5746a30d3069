import { integerSetting } from '../token/auth-config';

/** One token bucket's size and refill. */
export interface BucketSettings {
  /** Requests that may arrive at once. */
  readonly burst: number;
  /** Requests per second sustained. */
  readonly perSecond: number;
}

/** Limits per agency and client, and per address for callers without a valid token. */
export interface RateLimitConfig {
  readonly authenticated: BucketSettings;
  readonly anonymous: BucketSettings;
}

export type RateDecision =
  | { readonly allowed: true }
  | {
      readonly allowed: false;
      readonly retryAfterSeconds: number;
      /** Record this refusal: the first of a key per minute, so a flood cannot flood the audit stream. */
      readonly audit: boolean;
      /** Refusals of this key not recorded since the last recorded one. */
      readonly unrecorded: number;
    };

interface Bucket {
  tokens: number;
  updatedMs: number;
  lastAuditMs: number;
  unrecorded: number;
}

const MAX_KEYS = 10_000;
const AUDIT_EVERY_MS = 60_000;

/**
 * Token buckets keyed by caller. Least recently used buckets are forgotten beyond 10 000 keys
 * (a forgotten bucket starts full again), which bounds memory whatever the callers do.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    readonly config: RateLimitConfig,
    private readonly nowMs: () => number = Date.now,
  ) {}

  /** Takes one token from `key`'s bucket. */
  take(key: string, settings: BucketSettings): RateDecision {
    const now = this.nowMs();
    const bucket = this.buckets.get(key) ?? { tokens: settings.burst, updatedMs: now, lastAuditMs: -Infinity, unrecorded: 0 };
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > MAX_KEYS) this.buckets.delete(this.buckets.keys().next().value as string);
    bucket.tokens = Math.min(settings.burst, bucket.tokens + ((now - bucket.updatedMs) / 1000) * settings.perSecond);
    bucket.updatedMs = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    const retryAfterSeconds = Math.max(1, Math.ceil((1 - bucket.tokens) / settings.perSecond));
    if (now - bucket.lastAuditMs < AUDIT_EVERY_MS) {
      bucket.unrecorded += 1;
      return { allowed: false, retryAfterSeconds, audit: false, unrecorded: bucket.unrecorded };
    }
    const unrecorded = bucket.unrecorded;
    bucket.lastAuditMs = now;
    bucket.unrecorded = 0;
    return { allowed: false, retryAfterSeconds, audit: true, unrecorded };
  }
}

/**
 * `RATE_LIMIT_BURST` (default 600) and `RATE_LIMIT_PER_SECOND` (default 50) per agency and client;
 * `RATE_LIMIT_ANONYMOUS_BURST` (20) and `RATE_LIMIT_ANONYMOUS_PER_SECOND` (2) per address for
 * requests without a valid token.
 */
export function readRateLimitConfig(env: NodeJS.ProcessEnv): RateLimitConfig {
  return {
    authenticated: {
      burst: integerSetting(env, 'RATE_LIMIT_BURST', 600, 1, 1_000_000),
      perSecond: integerSetting(env, 'RATE_LIMIT_PER_SECOND', 50, 1, 100_000),
    },
    anonymous: {
      burst: integerSetting(env, 'RATE_LIMIT_ANONYMOUS_BURST', 20, 1, 1_000_000),
      perSecond: integerSetting(env, 'RATE_LIMIT_ANONYMOUS_PER_SECOND', 2, 1, 100_000),
    },
  };
}
