import { RateLimiter, readRateLimitConfig } from './rate-limiter';

describe('RateLimiter', () => {
  const settings = { burst: 3, perSecond: 1 };
  let now = 0;
  const limiter = (): RateLimiter => new RateLimiter({ authenticated: settings, anonymous: settings }, () => now);

  beforeEach(() => (now = 1_000_000));

  it('lets a burst through, then refuses with the wait until the next token', () => {
    const rate = limiter();
    expect([1, 2, 3].map(() => rate.take('TH-IMM:tablet', settings).allowed)).toEqual([true, true, true]);
    expect(rate.take('TH-IMM:tablet', settings)).toEqual({ allowed: false, retryAfterSeconds: 1, audit: true, unrecorded: 0 });
    now += 1000;
    expect(rate.take('TH-IMM:tablet', settings).allowed).toBe(true);
  });

  it('keeps callers apart', () => {
    const rate = limiter();
    for (let i = 0; i < 3; i++) rate.take('TH-IMM:tablet', settings);
    expect(rate.take('TH-IMM:tablet', settings).allowed).toBe(false);
    expect(rate.take('TH-DDC:tablet', settings).allowed).toBe(true);
  });

  it('records the first refusal of a caller per minute, counting the others into the next record', () => {
    const rate = limiter();
    for (let i = 0; i < 3; i++) rate.take('k', settings);
    const audited = () => {
      const decision = rate.take('k', settings);
      return decision.allowed ? 'allowed' : `${decision.audit}/${decision.unrecorded}`;
    };
    expect([audited(), audited(), audited()]).toEqual(['true/0', 'false/1', 'false/2']);
    now += 61_000;
    for (let i = 0; i < 3; i++) rate.take('k', settings);
    expect(audited()).toBe('true/2');
  });

  it('refills no further than the burst', () => {
    const rate = limiter();
    rate.take('k', settings);
    now += 3_600_000;
    expect([1, 2, 3, 4].map(() => rate.take('k', settings).allowed)).toEqual([true, true, true, false]);
  });

  it('reads its settings from the environment', () => {
    expect(readRateLimitConfig({})).toEqual({ authenticated: { burst: 600, perSecond: 50 }, anonymous: { burst: 20, perSecond: 2 } });
    expect(readRateLimitConfig({ RATE_LIMIT_BURST: '10', RATE_LIMIT_ANONYMOUS_PER_SECOND: '5' })).toMatchObject({ authenticated: { burst: 10 }, anonymous: { perSecond: 5 } });
    expect(() => readRateLimitConfig({ RATE_LIMIT_PER_SECOND: '0' })).toThrow(/RATE_LIMIT_PER_SECOND/);
  });
});
