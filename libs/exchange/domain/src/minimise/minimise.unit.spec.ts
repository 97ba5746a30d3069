import {
  CROSSING_RECORDED,
  CROSSING_VOIDED,
  HEALTH_DECLARED,
  SCREENING_OUTCOME_DECIDED,
  TRAFFICKING_FLAG_CLOSED,
  TRAFFICKING_FLAG_INDICATORS_ADDED,
  TRAFFICKING_FLAG_RAISED,
  type OutcomeDecidedData,
} from '@border-ledger/points-of-entry-domain';
import { CROSS_BORDER_SHARE_DECLINED, CROSS_BORDER_SHARE_REQUESTED, REFERRAL_OPENED } from '@border-ledger/referrals-domain';
import { evolveAgreement } from '../agreement/agreement.decider';
import { AGREEMENT_REVOKED } from '../agreement/agreement.events';
import { agreementRefs } from '../refs/agreement-refs';
import { agreementOf, CANARY, crossingData, flagRecord, nodeRefs, stored, terms, TH_META } from '../testing/exchange.spec-fixtures';
import { minimise } from './minimise';
import { MissingContext } from './minimise.types';

const refs = agreementRefs(new Uint8Array(32).fill(7), 'th-kh-immigration');
const traveller = refs.travellerRef('passport', CANARY.documentNumber, 'KH');
const agreement = agreementOf();
const outcome = (o: OutcomeDecidedData['outcome']): OutcomeDecidedData => ({
  crossingId: 'crossing-1',
  pathway: 'symptomatic',
  outcome: o,
  policy: { policyId: 'th-2026', version: 1, country: 'TH' },
});
const quarantine = outcome({ category: 'quarantine', days: 14, reasons: [CANARY.symptom] });

describe('minimise: crossings', () => {
  it('shares the mandatory fields and the selected ones, re-keyed, in an envelope without a leaf index', () => {
    const source = stored(CROSSING_RECORDED, crossingData());
    expect(minimise(source, agreement, nodeRefs(), TH_META)).toEqual({
      recordId: 'rec-1',
      agreementId: 'th-kh-immigration',
      agreementVersion: 1,
      senderAgency: 'TH-IMM',
      senderCountry: 'TH',
      recordType: 'exchange.crossing.v1',
      schemaVersion: 1,
      correlationId: refs.ref('correlation', 'correlation-1'),
      causationId: refs.ref('event', source.eventId),
      occurredAt: source.occurredAt,
      recordedAt: TH_META.recordedAt,
      payload: {
        crossingRef: refs.ref('crossing', 'crossing-1'),
        travellerRef: traveller,
        direction: 'exit',
        pointOfEntry: 'TH-ARANYAPRATHET',
        pairedPointOfEntry: 'KH-POIPET',
        crossedAt: source.occurredAt,
        nationality: 'KH',
        ageBand: '5-11',
        travelGroup: 'child-with-guardian',
        voided: false,
      },
    });
  });

  it('gives a crossing without a known person a ref that links to nothing', () => {
    const record = minimise(stored(CROSSING_RECORDED, crossingData({ crossingId: 'crossing-9' })), agreement, nodeRefs(), TH_META);
    expect(record?.payload).toMatchObject({ travellerRef: refs.ref('unidentified-traveller', 'crossing-9') });
  });

  it('shares a void as the crossing marked voided, at its crossing time, without the reason', () => {
    const crossing = { data: crossingData(), occurredAt: '2026-11-23T08:55:00+07:00' };
    const record = minimise(stored(CROSSING_VOIDED, { crossingId: 'crossing-1', reason: CANARY.reason }, '2026-11-23T10:00:00+07:00'), agreement, nodeRefs(), TH_META, { crossing });
    expect(record?.payload).toMatchObject({ voided: true, crossedAt: crossing.occurredAt, crossingRef: refs.ref('crossing', 'crossing-1') });
    expect(JSON.stringify(record)).not.toContain(CANARY.reason);
  });

  it('refuses to guess: a void needs the crossing from the caller', () => {
    expect(() => minimise(stored(CROSSING_VOIDED, { crossingId: 'crossing-1', reason: 'x' }), agreement, nodeRefs(), TH_META)).toThrow(MissingContext);
  });
});

describe('minimise: screening outcomes', () => {
  const context = { pointOfEntry: 'TH-ARANYAPRATHET' };

  it('shares the category only, and the quarantine days only when selected', () => {
    const record = minimise(stored(SCREENING_OUTCOME_DECIDED, quarantine), agreement, nodeRefs(), TH_META, context);
    expect(record?.payload).toEqual({
      crossingRef: refs.ref('crossing', 'crossing-1'),
      travellerRef: traveller,
      pointOfEntry: 'TH-ARANYAPRATHET',
      decidedAt: '2026-11-23T08:55:00+07:00',
      outcomeCategory: 'quarantine',
    });
    const withDays = agreementOf(terms({ records: { 'exchange.screening-outcome.v1': { fields: ['quarantineDays'] } } }));
    expect(minimise(stored(SCREENING_OUTCOME_DECIDED, quarantine), withDays, nodeRefs(), TH_META, context)?.payload).toMatchObject({ quarantineDays: 14 });
    const cleared = minimise(stored(SCREENING_OUTCOME_DECIDED, outcome({ category: 'cleared', reasons: [] })), withDays, nodeRefs(), TH_META, context);
    expect(cleared?.payload).not.toHaveProperty('quarantineDays');
  });

  it('never shares the screening steps (declarations, temperatures, tests)', () => {
    const declared = stored(HEALTH_DECLARED, { crossingId: 'crossing-1', symptoms: ['fever'], countriesVisited: [], contactWithCase: false });
    expect(minimise(declared, agreement, nodeRefs(), TH_META, context)).toBeNull();
  });

  it('needs the crossing point of entry from the caller', () => {
    expect(() => minimise(stored(SCREENING_OUTCOME_DECIDED, quarantine), agreement, nodeRefs(), TH_META)).toThrow(MissingContext);
  });
});

describe('minimise: trafficking flags', () => {
  it('shares a raised flag without its note, and no indicators unless selected', () => {
    const record = minimise(stored(TRAFFICKING_FLAG_RAISED, flagRecord()), agreement, nodeRefs(), TH_META);
    expect(record?.payload).toEqual({
      flagRef: refs.ref('flag', 'flag-1'),
      crossingRef: refs.ref('crossing', 'crossing-1'),
      travellerRef: traveller,
      pointOfEntry: 'TH-ARANYAPRATHET',
      observedAt: '2026-11-23T08:50:00+07:00',
      status: 'raised',
      severity: 'critical',
      childProtection: true,
      indicators: [],
    });
  });

  it('shares later events with the flag the caller folded, and the indicators when selected', () => {
    const withIndicators = agreementOf(terms({ records: { 'exchange.trafficking-flag.v1': { fields: ['crossingRef', 'indicators'] } } }));
    const added = { flagId: 'flag-1', added: ['debt-bondage'], indicators: ['child-without-guardian', 'deception', 'debt-bondage'], severity: 'critical', childProtection: true };
    const updated = minimise(stored(TRAFFICKING_FLAG_INDICATORS_ADDED, added, '2026-11-23T09:30:00+07:00'), withIndicators, nodeRefs(), TH_META, { flag: flagRecord() });
    expect(updated?.payload).toMatchObject({ status: 'updated', indicators: added.indicators, observedAt: '2026-11-23T09:30:00+07:00' });
    const closed = minimise(stored(TRAFFICKING_FLAG_CLOSED, { flagId: 'flag-1', reason: 'referred-to-protection-services' }), agreement, nodeRefs(), TH_META, { flag: flagRecord() });
    expect(closed?.payload).toMatchObject({ status: 'closed', flagRef: refs.ref('flag', 'flag-1') });
    expect(() => minimise(stored(TRAFFICKING_FLAG_CLOSED, { flagId: 'flag-1', reason: 'assisted-on-site' }), agreement, nodeRefs(), TH_META)).toThrow(MissingContext);
  });

  it('shares nothing for a flag that would name neither a crossing nor a person', () => {
    const irregular = flagRecord({ subject: { kind: 'irregular-detection', id: 'detection-1' } });
    expect(minimise(stored(TRAFFICKING_FLAG_RAISED, irregular), agreement, nodeRefs(), TH_META)).toBeNull();
    const severityOnly = agreementOf(terms({ records: { 'exchange.trafficking-flag.v1': { fields: ['severity'] } } }));
    expect(minimise(stored(TRAFFICKING_FLAG_RAISED, flagRecord()), severityOnly, nodeRefs(), TH_META)).toBeNull();
  });
});

describe('minimise: cross-border referrals', () => {
  const referral = { flagId: 'flag-1', service: 'child-protection' as const, pointOfEntry: 'TH-ARANYAPRATHET', crossingId: 'crossing-1', toCountry: 'KH' };

  it('shares a share request from the sender to the other party', () => {
    const source = stored(CROSS_BORDER_SHARE_REQUESTED, { referralId: 'referral-1', toCountry: 'KH', requestedAt: '2026-11-23T10:00:00+07:00' });
    expect(minimise(source, agreement, nodeRefs(), TH_META, { referral })?.payload).toEqual({
      referralRef: refs.ref('referral', 'referral-1'),
      stage: 'requested',
      fromAgency: 'TH-IMM',
      toAgency: 'KH-IMM',
      flagRef: refs.ref('flag', 'flag-1'),
      services: ['child-protection'],
      at: '2026-11-23T10:00:00+07:00',
    });
  });

  it('shares the decline reason code only when selected, and nothing to a country outside the agreement', () => {
    const withReason = agreementOf(terms({ records: { 'exchange.referral.v1': { fields: ['reasonCode'] } } }));
    const declined = stored(CROSS_BORDER_SHARE_DECLINED, { referralId: 'referral-1', reason: 'no-capacity', at: '2026-11-24T10:00:00+07:00' });
    expect(minimise(declined, withReason, nodeRefs(), TH_META, { referral })?.payload).toMatchObject({ stage: 'declined', reasonCode: 'no-capacity' });
    expect(minimise(declined, agreement, nodeRefs(), TH_META, { referral })?.payload).not.toHaveProperty('reasonCode');
    expect(minimise(declined, agreement, nodeRefs(), TH_META, { referral: { ...referral, toCountry: 'LA' } })).toBeNull();
  });
});

describe('minimise: what the agreement does not cover', () => {
  const exit = stored(CROSSING_RECORDED, crossingData());

  it.each([
    ['a record type it does not list', agreementOf(terms({ records: { 'exchange.referral.v1': { fields: [] } } })), exit, TH_META],
    ['a point of entry outside its list', agreement, stored(CROSSING_RECORDED, crossingData({ pointOfEntry: 'TH-MAESOT' })), TH_META],
    ['an event before it took effect', agreement, stored(CROSSING_RECORDED, crossingData(), '2025-12-31T12:00:00Z'), TH_META],
    ['a sender that is not a party', agreement, exit, { ...TH_META, senderAgency: 'TH-DDC' }],
    ['an event that never leaves the node', agreement, stored(REFERRAL_OPENED, { referralId: 'r' }), TH_META],
  ])('shares nothing for %s', (_, state, source, meta) => {
    expect(minimise(source, state, nodeRefs(), meta)).toBeNull();
  });

  it('shares nothing once revoked, even about what happened before', () => {
    const revoked = evolveAgreement(agreement, { type: AGREEMENT_REVOKED, data: { agreementId: 'th-kh-immigration', reason: 'superseded', revokedAt: '2026-11-23T08:59:00Z' } });
    expect(minimise(exit, revoked, nodeRefs(), TH_META)).toBeNull();
  });

  it('refuses a port that hands back the node traveller ref', () => {
    const leaky = { ...nodeRefs(), travellerRef: () => CANARY.nodeTravellerRef };
    expect(() => minimise(exit, agreement, leaky, TH_META)).toThrow(/node traveller ref/);
  });
});
