import type { ScreeningPolicy } from '../policy/policy.types';
import type { ScreeningCommand, ScreeningContext } from './screening.commands';
import type { HealthDeclaredData } from './screening.events';
import { groupScreenings, whatIf } from './screening.what-if';
import { baseRules, policyV1, run } from './screening.spec-fixtures';

const context: ScreeningContext = { nodeCountry: 'TH', now: new Date('2026-11-01T00:00:00Z'), policies: [policyV1] };
let next = 0;
/** One screening's commands: asymptomatic unless a symptom or fever, vaccinated or not, decided or not. */
function screening(opts: { poe: string; at: string; vaccinated?: boolean; symptoms?: HealthDeclaredData['symptoms']; decide?: boolean; celsius?: number }): ScreeningCommand[] {
  const crossingId = `00000000-0000-4000-8000-${String((next += 1)).padStart(12, '0')}`;
  const commands: ScreeningCommand[] = [
    { kind: 'StartScreening', screening: { crossingId, pointOfEntry: opts.poe, ageBand: '25-34', crossedAt: opts.at } },
    { kind: 'RecordHealthDeclaration', declaration: { crossingId, symptoms: opts.symptoms ?? [], countriesVisited: [], contactWithCase: false } },
    { kind: 'RecordTemperature', crossingId, celsius: opts.celsius ?? 36.5 },
  ];
  if (opts.vaccinated) {
    commands.push({
      kind: 'RecordVaccinationCertificate',
      certificate: { crossingId, doses: 2, product: 'comirnaty', doseDates: ['2026-01-01', '2026-02-01'], verified: true },
    });
  }
  if ((opts.symptoms ?? []).length > 0) {
    commands.push({ kind: 'RecordScreeningTest', test: { crossingId, testType: 'pcr', result: 'negative', laboratory: 'TH-LAB-1' } });
  }
  if (opts.decide ?? true) commands.push({ kind: 'DecideScreeningOutcome', crossingId });
  return commands;
}

const draft: ScreeningPolicy = {
  ...policyV1,
  policyId: 'draft',
  version: 99,
  rules: {
    ...baseRules,
    symptoms: { ...baseRules.symptoms, referForCare: ['cough'] },
    vaccination: { ...baseRules.vaccination, fullyVaccinatedQuarantineDays: 1 },
  },
};

describe('what-if: replaying a period under a draft policy', () => {
  const laoPolicy = { ...policyV1, country: 'LA', policyId: 'la-1' };
  const events = [
    ...run(screening({ poe: 'TH-MAESOT', at: '2026-10-03T09:00:00+07:00', vaccinated: true }), context),
    ...run(screening({ poe: 'TH-MAESOT', at: '2026-10-04T09:00:00+07:00', symptoms: ['cough'] }), context),
    ...run(screening({ poe: 'TH-MAESOT', at: '2026-10-05T09:00:00+07:00' }), context),
    ...run(screening({ poe: 'TH-NONGKHAI', at: '2026-10-05T09:00:00+07:00', vaccinated: true }), context),
    ...run(screening({ poe: 'TH-NONGKHAI', at: '2026-10-06T09:00:00+07:00', decide: false }), context),
    ...run(screening({ poe: 'TH-NONGKHAI', at: '2026-11-01T06:59:59+07:00', vaccinated: true }), context),
    ...run(screening({ poe: 'LA-VIENTIANE', at: '2026-10-05T09:00:00+07:00', vaccinated: true }), {
      ...context,
      nodeCountry: 'LA',
      policies: [laoPolicy],
    }),
  ];
  const period = { from: '2026-10-01T00:00:00+07:00', to: '2026-11-01T00:00:00+07:00' };

  it('compares recorded and draft outcomes per point of entry: referrals, bed-days, changes', () => {
    const report = whatIf(groupScreenings(events), draft, period);
    expect(report.pointsOfEntry).toEqual([
      {
        pointOfEntry: 'TH-MAESOT',
        screenings: 3,
        outcomes: {
          current: { cleared: 2, quarantine: 1, isolation: 0, 'referral-for-care': 0 },
          draft: { cleared: 0, quarantine: 2, isolation: 0, 'referral-for-care': 1 },
        },
        changedOutcomes: 2,
        referrals: { current: 0, draft: 1 },
        quarantineBedDays: { current: 7, draft: 8 },
      },
      {
        pointOfEntry: 'TH-NONGKHAI',
        screenings: 1,
        outcomes: {
          current: { cleared: 1, quarantine: 0, isolation: 0, 'referral-for-care': 0 },
          draft: { cleared: 0, quarantine: 1, isolation: 0, 'referral-for-care': 0 },
        },
        changedOutcomes: 1,
        referrals: { current: 0, draft: 0 },
        quarantineBedDays: { current: 0, draft: 1 },
      },
    ]);
    expect(report.total).toMatchObject({ screenings: 4, changedOutcomes: 3, quarantineBedDays: { current: 7, draft: 9 } });
    expect(report.undecided).toBe(1);
  });

  it('keeps to the points of entry asked for, listing them even when they had no screenings', () => {
    const report = whatIf(groupScreenings(events), draft, { ...period, pointsOfEntry: ['TH-NONGKHAI', 'TH-MUKDAHAN'] });
    expect(report.pointsOfEntry.map((p) => [p.pointOfEntry, p.screenings])).toEqual([
      ['TH-MUKDAHAN', 0],
      ['TH-NONGKHAI', 1],
    ]);
  });

  it('changes nothing when the draft is the policy in force', () => {
    const report = whatIf(groupScreenings(events), policyV1, period);
    expect(report.total.changedOutcomes).toBe(0);
    expect(report.total.outcomes.draft).toEqual(report.total.outcomes.current);
  });
});
