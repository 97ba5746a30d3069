import { ConfigError } from '@border-ledger/platform';
import { escalationTimerIds, timerDueAt } from './process/referral-work';
import { readAcceptanceLimits } from './referrals.options';

describe('acceptance limits from the environment', () => {
  it('defaults to two hours for urgent referrals and 48 hours for the others', () => {
    expect(readAcceptanceLimits({})).toEqual({ urgentMinutes: 120, standardMinutes: 2880 });
  });

  it('takes whole or fractional minutes (a whole-system test sets a few seconds)', () => {
    const env = { REFERRALS_URGENT_ACCEPT_WITHIN_MINUTES: '0.05', REFERRALS_STANDARD_ACCEPT_WITHIN_MINUTES: '90' };
    expect(readAcceptanceLimits(env)).toEqual({ urgentMinutes: 0.05, standardMinutes: 90 });
  });

  it.each(['0', '-5', 'two hours', '1e3', '43201', ' '])('refuses %p, naming the variable', (value) => {
    expect(() => readAcceptanceLimits({ REFERRALS_URGENT_ACCEPT_WITHIN_MINUTES: value })).toThrow(ConfigError);
    expect(() => readAcceptanceLimits({ REFERRALS_URGENT_ACCEPT_WITHIN_MINUTES: value })).toThrow('REFERRALS_URGENT_ACCEPT_WITHIN_MINUTES');
  });
});

describe('escalation timers', () => {
  it('fire just after the deadline, since a referral escalates only once its deadline has passed', () => {
    expect(timerDueAt('2026-11-23T10:00:00.000Z')).toBe('2026-11-23T10:00:00.001Z');
  });

  it('have a first id and one armed again after consent, both derived from the referral', () => {
    expect(escalationTimerIds('f.legal-aid')).toEqual(['escalate:f.legal-aid', 'escalate:f.legal-aid:after-consent']);
  });
});
