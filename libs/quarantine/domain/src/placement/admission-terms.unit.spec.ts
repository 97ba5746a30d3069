import { AGE_BANDS } from '@border-ledger/points-of-entry-domain';
import { admissionCategory, admissionTerms, DEFAULT_ISOLATION_DAYS } from './admission-terms';

describe('admission terms from a screening outcome', () => {
  it('puts isolation in an isolation room for the default days, released on a negative test only', () => {
    expect(admissionTerms({ category: 'isolation', reasons: ['positive-test'] }, '35-49', 'symptomatic-only')).toEqual({
      measure: 'isolation',
      days: DEFAULT_ISOLATION_DAYS,
      category: 'isolation-rooms',
      requiresNegativeTest: true,
    });
    expect(DEFAULT_ISOLATION_DAYS).toBe(10);
  });

  it('quarantines children with a guardian and everyone else in adult places, for the days ordered', () => {
    const quarantine = { category: 'quarantine' as const, days: 7, reasons: ['untested'] };
    expect(admissionTerms(quarantine, '5-11', 'all')).toEqual({ measure: 'quarantine', days: 7, category: 'children-with-guardian', requiresNegativeTest: true });
    expect(admissionTerms(quarantine, '25-34', 'all')).toMatchObject({ category: 'adults' });
    expect(admissionTerms(quarantine, null, 'all')).toMatchObject({ category: 'adults' });
    const children = AGE_BANDS.filter((band) => admissionCategory('quarantine', band) === 'children-with-guardian');
    expect(children).toEqual(['0-4', '5-11', '12-17']);
    expect(AGE_BANDS.every((band) => admissionCategory('isolation', band) === 'isolation-rooms')).toBe(true);
  });

  it('requires a negative test before release from quarantine unless the policy tests only the symptomatic', () => {
    const quarantine = { category: 'quarantine' as const, days: 10, reasons: [] };
    expect(admissionTerms(quarantine, '18-24', 'not-fully-vaccinated')?.requiresNegativeTest).toBe(true);
    expect(admissionTerms(quarantine, '18-24', 'symptomatic-only')?.requiresNegativeTest).toBe(false);
    expect(admissionTerms(quarantine, '18-24', null)?.requiresNegativeTest).toBe(true);
  });

  it('orders no admission for a cleared traveller or a referral for care', () => {
    expect(admissionTerms({ category: 'cleared', reasons: [] }, '25-34', 'all')).toBeNull();
    expect(admissionTerms({ category: 'referral-for-care', reasons: [] }, '25-34', 'all')).toBeNull();
  });
});
