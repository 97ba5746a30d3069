import fc from 'fast-check';
import {
  SEVERITIES,
  TRAFFICKING_FLAG_CLOSED,
  TRAFFICKING_FLAG_INDICATORS_ADDED,
  TRAFFICKING_FLAG_RAISED,
  TRAFFICKING_FLAG_WITHDRAWN,
  type FlagEvent,
  type TraffickingFlagRaisedData,
} from '@border-ledger/points-of-entry-domain';
import { ruleOf } from '@border-ledger/points-of-entry-domain/testing';
import { SERVICES } from './referral.codes';
import type { ReferralContext } from './referral.commands';
import { decideReferral, evolveReferral, initialReferralState, type ReferralState } from './referral.decider';
import { CONSENT_RECORDED, REFERRAL_ACCEPTED, REFERRAL_ESCALATED, REFERRAL_OPENED, type ReferralEvent } from './referral.events';
import { dueEscalations, referralDecisionForFlag, referralIdFor, servicesFor } from './referral.process';

const flagId = '0c6f5a3e-8a4b-4c1d-9e2f-3a4b5c6d7e8f';
const raised: TraffickingFlagRaisedData = {
  flagId,
  subject: { kind: 'crossing', id: '5b0c6a9e-0d7e-4a43-9a3b-8f1e2d3c4b5a' },
  pointOfEntry: 'TH-MAESOT',
  indicators: ['deception', 'retention-of-identity-documents'],
  severity: 'high',
  childProtection: false,
  observedAt: '2026-11-23T15:40:00+07:00',
  noteId: null,
};

describe('referralDecisionForFlag', () => {
  it('given a raised adult flag, then referrals by severity with ids derived from flag and service', () => {
    expect(referralDecisionForFlag({ type: TRAFFICKING_FLAG_RAISED, data: raised })).toEqual({
      kind: 'open',
      referrals: (['shelter', 'psychosocial', 'legal-aid'] as const).map((service) => ({
        referralId: `${flagId}.${service}`,
        flagId,
        service,
        severity: 'high',
        childProtection: false,
      })),
    });
  });

  it('given a child, then child protection only, whatever else', () => {
    const child: FlagEvent = { type: TRAFFICKING_FLAG_RAISED, data: { ...raised, severity: 'critical', childProtection: true } };
    expect(referralDecisionForFlag(child)).toEqual({
      kind: 'open',
      referrals: [{ referralId: referralIdFor(flagId, 'child-protection'), flagId, service: 'child-protection', severity: 'critical', childProtection: true }],
    });
  });

  it('given a low flag, then no referral (assisted on site)', () => {
    expect(referralDecisionForFlag({ type: TRAFFICKING_FLAG_RAISED, data: { ...raised, severity: 'low' } })).toEqual({ kind: 'none' });
  });

  it('given indicators added, then the whole set for the new assessment (already open ones are refused downstream)', () => {
    const added: FlagEvent = {
      type: TRAFFICKING_FLAG_INDICATORS_ADDED,
      data: { flagId, added: ['debt-bondage'], indicators: [...raised.indicators, 'debt-bondage'], severity: 'critical', childProtection: false },
    };
    const decision = referralDecisionForFlag(added);
    expect(decision.kind === 'open' && decision.referrals.map((r) => r.service)).toEqual(['shelter', 'medical', 'psychosocial', 'legal-aid']);
  });

  it('given a closed flag nothing, given a withdrawn flag revoke its referrals', () => {
    expect(referralDecisionForFlag({ type: TRAFFICKING_FLAG_CLOSED, data: { flagId, reason: 'assisted-on-site' } })).toEqual({ kind: 'none' });
    expect(referralDecisionForFlag({ type: TRAFFICKING_FLAG_WITHDRAWN, data: { flagId, reason: 'duplicate' } })).toEqual({
      kind: 'revoke-all',
      flagId,
      reason: 'flag-withdrawn',
    });
  });

  it('never refers a child anywhere but child protection, and never more services at a lower severity (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SEVERITIES), fc.constantFrom(...SEVERITIES), (a, b) => {
        expect(servicesFor(a, true)).toEqual(['child-protection']);
        const [lower, higher] = SEVERITIES.indexOf(a) <= SEVERITIES.indexOf(b) ? [a, b] : [b, a];
        for (const service of servicesFor(lower, false)) expect(servicesFor(higher, false)).toContain(service);
        expect(servicesFor(a, false)).not.toContain('child-protection');
      }),
    );
  });
});

describe('dueEscalations', () => {
  const context: ReferralContext = { now: new Date('2026-11-23T09:00:00Z'), nodeCountry: 'TH', urgentAcceptanceMinutes: 120, standardAcceptanceMinutes: 2880 };
  const openedEvent = (service: (typeof SERVICES)[number], openedAt: string, childProtection = false): ReferralEvent => {
    const [event] = decideReferral(
      { kind: 'OpenReferral', referralId: referralIdFor(flagId, service), flagId, severity: 'high', childProtection, pointOfEntry: 'TH-MAESOT', service, openedAt },
      initialReferralState,
      context,
    );
    return event;
  };
  const fold = (events: ReferralEvent[]): ReferralState => events.reduce(evolveReferral, initialReferralState);

  it('given referrals past their deadline, when the timer runs, then those still pending, earliest deadline first', () => {
    const child = fold([openedEvent('child-protection', '2026-11-23T08:00:00Z', true)]);
    const shelter = fold([openedEvent('shelter', '2026-11-21T08:00:00Z')]);
    const legalNoConsent = fold([openedEvent('legal-aid', '2026-11-20T08:00:00Z')]);
    const acceptedShelter = fold([openedEvent('medical', '2026-11-20T08:00:00Z'), { type: REFERRAL_ACCEPTED, data: { referralId: referralIdFor(flagId, 'medical'), acceptedAt: '2026-11-20T09:00:00Z' } }]);
    expect(dueEscalations([child, shelter, legalNoConsent, acceptedShelter, initialReferralState], new Date('2026-11-23T10:00:01Z'))).toEqual([
      referralIdFor(flagId, 'shelter'),
      referralIdFor(flagId, 'child-protection'),
    ]);
    expect(dueEscalations([child], new Date('2026-11-23T10:00:00Z'))).toEqual([]);
  });

  it('lists exactly the referrals the decider lets the timer escalate (property)', () => {
    const referralArb = fc.record({
      service: fc.constantFrom(...SERVICES),
      openedMinutesAgo: fc.integer({ min: 0, max: 4000 }),
      consent: fc.boolean(),
      accepted: fc.boolean(),
      escalated: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.uniqueArray(referralArb, { selector: (r) => r.service, maxLength: 5 }), (specs) => {
        const now = context.now;
        const states = specs.map((spec) => {
          const child = spec.service === 'child-protection';
          const referralId = referralIdFor(flagId, spec.service);
          const events = [openedEvent(spec.service, new Date(now.getTime() - spec.openedMinutesAgo * 60_000).toISOString(), child)];
          if (spec.consent && !child) events.push({ type: CONSENT_RECORDED, data: { referralId, recordedAt: '2026-11-20T00:00:00Z' } });
          if (spec.accepted) events.push({ type: REFERRAL_ACCEPTED, data: { referralId, acceptedAt: '2026-11-20T00:00:00Z' } });
          if (spec.escalated) events.push({ type: REFERRAL_ESCALATED, data: { referralId, acceptanceDeadline: '', escalatedAt: '2026-11-20T00:00:00Z' } });
          return fold(events);
        });
        const due = dueEscalations(states, now);
        for (const state of states) {
          if (state.status === 'none') continue;
          const escalate = () => decideReferral({ kind: 'EscalateReferral', referralId: state.referral.referralId }, state, { ...context, now });
          if (due.includes(state.referral.referralId)) expect(escalate()[0].type).toBe(REFERRAL_ESCALATED);
          else expect(typeof ruleOf(escalate)).toBe('string');
        }
      }),
    );
  });
});

describe('opening what the decision plans', () => {
  it('opens every planned referral without refusal, and replaying it opens nothing twice', () => {
    const decision = referralDecisionForFlag({ type: TRAFFICKING_FLAG_RAISED, data: { ...raised, severity: 'critical' } });
    if (decision.kind !== 'open') throw new Error('expected referrals');
    const context: ReferralContext = { now: new Date('2026-11-23T09:00:00Z'), nodeCountry: 'TH', urgentAcceptanceMinutes: 120, standardAcceptanceMinutes: 2880 };
    for (const plan of decision.referrals) {
      const command = { kind: 'OpenReferral' as const, ...plan, pointOfEntry: raised.pointOfEntry, openedAt: raised.observedAt };
      const events = decideReferral(command, initialReferralState, context);
      expect(events[0].type).toBe(REFERRAL_OPENED);
      expect(ruleOf(() => decideReferral(command, events.reduce(evolveReferral, initialReferralState), context))).toBe('referral-already-opened');
    }
  });
});
