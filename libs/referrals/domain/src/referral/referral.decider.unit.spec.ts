import { givenEvents, ruleOf } from '@border-ledger/points-of-entry-domain/testing';
import type { OpenReferral, ReferralCommand, ReferralContext } from './referral.commands';
import { decideReferral, evolveReferral, initialReferralState } from './referral.decider';
import {
  CONSENT_RECORDED,
  CONSENT_WITHDRAWN,
  CROSS_BORDER_SHARE_ACCEPTED,
  CROSS_BORDER_SHARE_ACKNOWLEDGED,
  CROSS_BORDER_SHARE_CLOSED,
  CROSS_BORDER_SHARE_DECLINED,
  CROSS_BORDER_SHARE_REQUESTED,
  REFERRAL_ACCEPTED,
  REFERRAL_CLOSED,
  REFERRAL_DECLINED,
  REFERRAL_ESCALATED,
  REFERRAL_OPENED,
  REFERRAL_REVOKED,
  referralStream,
  SERVICES_DELIVERED,
  type ReferralEvent,
  type ReferralOpenedData,
} from './referral.events';

const referralId = '0c6f5a3e-8a4b-4c1d-9e2f-3a4b5c6d7e8f.legal-aid';
const context: ReferralContext = { now: new Date('2026-11-23T12:00:00Z'), nodeCountry: 'TH', urgentAcceptanceMinutes: 120, standardAcceptanceMinutes: 2880 };
const open: OpenReferral = {
  kind: 'OpenReferral',
  referralId,
  flagId: '0c6f5a3e-8a4b-4c1d-9e2f-3a4b5c6d7e8f',
  severity: 'high',
  childProtection: false,
  pointOfEntry: 'TH-MAESOT',
  service: 'legal-aid',
  openedAt: '2026-11-23T15:40:00+07:00',
};
const { kind: _kind, ...openFields } = open;
const opened: ReferralEvent = {
  type: REFERRAL_OPENED,
  data: { ...openFields, urgent: false, acceptanceDeadline: '2026-11-25T08:40:00.000Z' },
};
const openedWith = (patch: Partial<ReferralOpenedData>): ReferralEvent => ({ type: REFERRAL_OPENED, data: { ...opened.data, ...patch } as ReferralOpenedData });
const childOpened = openedWith({ service: 'child-protection', childProtection: true, severity: 'critical', urgent: true, acceptanceDeadline: '2026-11-23T10:40:00.000Z' });
const shelterOpened = openedWith({ service: 'shelter' });
const at = '2026-11-23T11:00:00Z';
const consent: ReferralEvent = { type: CONSENT_RECORDED, data: { referralId, recordedAt: at } };
const withdrawn: ReferralEvent = { type: CONSENT_WITHDRAWN, data: { referralId, withdrawnAt: at } };
const accepted: ReferralEvent = { type: REFERRAL_ACCEPTED, data: { referralId, acceptedAt: at } };
const declined: ReferralEvent = { type: REFERRAL_DECLINED, data: { referralId, reason: 'no-capacity', declinedAt: at } };
const delivered: ReferralEvent = { type: SERVICES_DELIVERED, data: { referralId, deliveredAt: at } };
const revoked: ReferralEvent = { type: REFERRAL_REVOKED, data: { referralId, reason: 'opened-in-error', revokedAt: at } };
const closed: ReferralEvent = { type: REFERRAL_CLOSED, data: { referralId, outcome: { kind: 'succeeded' }, closedAt: at } };
const shareRequested: ReferralEvent = { type: CROSS_BORDER_SHARE_REQUESTED, data: { referralId, toCountry: 'MM', requestedAt: at } };
const shareAcknowledged: ReferralEvent = { type: CROSS_BORDER_SHARE_ACKNOWLEDGED, data: { referralId, at } };
const shareAccepted: ReferralEvent = { type: CROSS_BORDER_SHARE_ACCEPTED, data: { referralId, at } };
const shareDeclined: ReferralEvent = { type: CROSS_BORDER_SHARE_DECLINED, data: { referralId, reason: 'no-capacity', at } };
const shareClosed: ReferralEvent = { type: CROSS_BORDER_SHARE_CLOSED, data: { referralId, at } };
const handedOver = [opened, consent, shareRequested, shareAcknowledged, shareAccepted];

const accept: ReferralCommand = { kind: 'AcceptReferral', referralId, acceptedAt: at };
const escalate: ReferralCommand = { kind: 'EscalateReferral', referralId };
const share: ReferralCommand = { kind: 'ShareCrossBorder', referralId, toCountry: 'MM', requestedAt: at };
const close: ReferralCommand = { kind: 'CloseReferral', referralId, outcome: { kind: 'succeeded' }, closedAt: at };
const revoke: ReferralCommand = { kind: 'RevokeReferral', referralId, reason: 'opened-in-error', revokedAt: at };
const recordConsent: ReferralCommand = { kind: 'RecordConsent', referralId, recordedAt: at };
const withdrawConsent: ReferralCommand = { kind: 'WithdrawConsent', referralId, withdrawnAt: at };
const afterDeadline = { now: new Date('2026-11-25T08:40:01Z') };

const given = givenEvents({ initialState: initialReferralState, evolve: evolveReferral, decide: decideReferral }, context);

describe('referral decider', () => {
  it('names the stream by the referral id', () => {
    expect(referralStream(referralId)).toBe(`referral-${referralId}`);
  });

  describe('OpenReferral', () => {
    it('opens an adult referral with the standard acceptance deadline', () => {
      expect(given([]).when(open)).toEqual([opened]);
    });

    it('opens a child referral to child protection, urgent, with the short deadline', () => {
      const child: ReferralCommand = { ...open, service: 'child-protection', childProtection: true, severity: 'critical' };
      expect(given([]).when(child)).toEqual([childOpened]);
    });

    it('makes a critical adult flag urgent too', () => {
      const [event] = given([]).when({ ...open, severity: 'critical' });
      expect(event.data).toMatchObject({ urgent: true, acceptanceDeadline: '2026-11-23T10:40:00.000Z' });
    });

    it('refuses a child referred to any other service, a second opening, and bad times', () => {
      expect(ruleOf(() => given([]).when({ ...open, childProtection: true, service: 'shelter' }))).toBe('child-referred-to-child-protection');
      expect(ruleOf(() => given([opened]).when(open))).toBe('referral-already-opened');
      expect(ruleOf(() => given([]).when({ ...open, openedAt: 'now' }))).toBe('time-malformed');
      expect(ruleOf(() => given([]).when({ ...open, openedAt: '2026-11-23T12:06:00Z' }))).toBe('time-in-the-future');
    });
  });

  describe('AcceptReferral and DeclineReferral', () => {
    it('accepts an adult referral beyond immediate protection only with consent', () => {
      expect(ruleOf(() => given([opened]).when(accept))).toBe('consent-required');
      expect(given([opened, consent]).when(accept)).toEqual([accepted]);
      expect(ruleOf(() => given([opened, consent, withdrawn]).when(accept))).toBe('consent-withdrawn');
    });

    it('accepts immediate protection (shelter, medical) and child protection without consent', () => {
      expect(given([shelterOpened]).when(accept)).toEqual([accepted]);
      expect(given([openedWith({ service: 'medical' })]).when(accept)).toEqual([accepted]);
      expect(given([childOpened]).when(accept)).toEqual([accepted]);
    });

    it('declines a pending referral with a reason', () => {
      expect(given([opened]).when({ kind: 'DeclineReferral', referralId, reason: 'no-capacity', declinedAt: at })).toEqual([declined]);
    });

    it('refuses to answer a referral that is not pending or does not exist', () => {
      expect(ruleOf(() => given([shelterOpened, accepted]).when(accept))).toBe('referral-not-pending');
      expect(ruleOf(() => given([opened, declined]).when({ kind: 'DeclineReferral', referralId, reason: 'outside-area', declinedAt: at }))).toBe('referral-not-pending');
      expect(ruleOf(() => given([]).when(accept))).toBe('referral-not-found');
    });
  });

  describe('EscalateReferral', () => {
    it('escalates once the deadline passed without acceptance, at the context time', () => {
      expect(given([opened, consent], afterDeadline).when(escalate)).toEqual([
        { type: REFERRAL_ESCALATED, data: { referralId, acceptanceDeadline: '2026-11-25T08:40:00.000Z', escalatedAt: '2026-11-25T08:40:01.000Z' } },
      ]);
      expect(given([childOpened]).when(escalate)).toHaveLength(1);
    });

    it('refuses before the deadline, twice, after acceptance, or while consent is outstanding', () => {
      expect(ruleOf(() => given([opened, consent], { now: new Date('2026-11-25T08:40:00Z') }).when(escalate))).toBe('acceptance-deadline-not-passed');
      const escalated: ReferralEvent = { type: REFERRAL_ESCALATED, data: { referralId, acceptanceDeadline: '2026-11-25T08:40:00.000Z', escalatedAt: '2026-11-25T09:00:00Z' } };
      expect(ruleOf(() => given([opened, consent, escalated], afterDeadline).when(escalate))).toBe('referral-already-escalated');
      expect(ruleOf(() => given([opened, consent, accepted], afterDeadline).when(escalate))).toBe('referral-not-pending');
      expect(ruleOf(() => given([opened], afterDeadline).when(escalate))).toBe('consent-required');
      expect(ruleOf(() => given([], afterDeadline).when(escalate))).toBe('referral-not-found');
    });
  });

  describe('RecordConsent and WithdrawConsent', () => {
    it('records and withdraws an adult consent', () => {
      expect(given([opened]).when(recordConsent)).toEqual([consent]);
      expect(given([opened, consent]).when(withdrawConsent)).toEqual([withdrawn]);
    });

    it('refuses consent for a child, twice, after withdrawal, or on a finished referral', () => {
      expect(ruleOf(() => given([childOpened]).when(recordConsent))).toBe('consent-not-applicable-to-child');
      expect(ruleOf(() => given([childOpened]).when(withdrawConsent))).toBe('consent-not-applicable-to-child');
      expect(ruleOf(() => given([opened, consent]).when(recordConsent))).toBe('consent-already-recorded');
      expect(ruleOf(() => given([opened, consent, withdrawn]).when(recordConsent))).toBe('consent-withdrawn');
      expect(ruleOf(() => given([opened, revoked]).when(recordConsent))).toBe('referral-finished');
      expect(ruleOf(() => given([opened]).when(withdrawConsent))).toBe('consent-not-given');
    });

    it('lets the person withdraw consent even after the handover', () => {
      expect(given(handedOver).when(withdrawConsent)).toEqual([withdrawn]);
    });
  });

  describe('RecordServicesDelivered and CloseReferral', () => {
    it('records services of an accepted referral, once', () => {
      expect(given([shelterOpened, accepted]).when({ kind: 'RecordServicesDelivered', referralId, deliveredAt: at })).toEqual([delivered]);
      expect(ruleOf(() => given([shelterOpened, accepted, delivered]).when({ kind: 'RecordServicesDelivered', referralId, deliveredAt: at }))).toBe('services-already-recorded');
      expect(ruleOf(() => given([shelterOpened]).when({ kind: 'RecordServicesDelivered', referralId, deliveredAt: at }))).toBe('referral-not-accepted');
    });

    it('closes as succeeded once services are delivered, or with the reason it did not', () => {
      expect(given([shelterOpened, accepted, delivered]).when(close)).toEqual([closed]);
      expect(ruleOf(() => given([shelterOpened, accepted]).when(close))).toBe('services-not-delivered');
      const notSucceeded: ReferralCommand = { kind: 'CloseReferral', referralId, outcome: { kind: 'not-succeeded', reason: 'service-unavailable' }, closedAt: at };
      expect(given([opened, declined]).when(notSucceeded)).toEqual([
        { type: REFERRAL_CLOSED, data: { referralId, outcome: { kind: 'not-succeeded', reason: 'service-unavailable' }, closedAt: at } },
      ]);
    });

    it('refuses to close a pending, closed or revoked referral', () => {
      expect(ruleOf(() => given([opened]).when(close))).toBe('referral-not-closable');
      expect(ruleOf(() => given([shelterOpened, accepted, delivered, closed]).when(close))).toBe('referral-not-closable');
      expect(ruleOf(() => given([opened, revoked]).when(close))).toBe('referral-not-closable');
    });
  });

  describe('RevokeReferral', () => {
    it('revokes an unfinished referral, and nothing after it is finished', () => {
      expect(given([opened]).when(revoke)).toEqual([revoked]);
      expect(ruleOf(() => given([opened, revoked]).when(revoke))).toBe('referral-finished');
      expect(ruleOf(() => given([shelterOpened, accepted, delivered, closed]).when(revoke))).toBe('referral-finished');
    });
  });

  describe('cross-border share', () => {
    it('goes requested, acknowledged, accepted, closed', () => {
      expect(given([opened, consent]).when(share)).toEqual([shareRequested]);
      expect(given([opened, consent, shareRequested]).when({ kind: 'AcknowledgeCrossBorderShare', referralId, at })).toEqual([shareAcknowledged]);
      expect(given([opened, consent, shareRequested, shareAcknowledged]).when({ kind: 'AcceptCrossBorderShare', referralId, at })).toEqual([shareAccepted]);
      expect(given(handedOver).when({ kind: 'CloseCrossBorderShare', referralId, at })).toEqual([shareClosed]);
    });

    it('may be declined by the receiving country, then closed', () => {
      const acknowledged = [opened, consent, shareRequested, shareAcknowledged];
      expect(given(acknowledged).when({ kind: 'DeclineCrossBorderShare', referralId, reason: 'no-capacity', at })).toEqual([shareDeclined]);
      expect(given([...acknowledged, shareDeclined]).when({ kind: 'CloseCrossBorderShare', referralId, at })).toEqual([shareClosed]);
    });

    it('shares a child protection referral without consent', () => {
      expect(given([childOpened]).when(share)).toHaveLength(1);
    });

    it('refuses steps out of order', () => {
      expect(ruleOf(() => given([opened, consent]).when({ kind: 'AcknowledgeCrossBorderShare', referralId, at }))).toBe('share-not-requested');
      expect(ruleOf(() => given([opened, consent, shareRequested]).when({ kind: 'AcceptCrossBorderShare', referralId, at }))).toBe('share-not-acknowledged');
      expect(ruleOf(() => given([opened, consent, shareRequested]).when({ kind: 'DeclineCrossBorderShare', referralId, reason: 'no-capacity', at }))).toBe('share-not-acknowledged');
      expect(ruleOf(() => given([opened, consent, shareRequested]).when({ kind: 'CloseCrossBorderShare', referralId, at }))).toBe('share-not-answered');
    });

    it('refuses an acceptance that arrives after the referral was revoked, even when acknowledged before', () => {
      expect(ruleOf(() => given([opened, consent, shareRequested, shareAcknowledged, revoked]).when({ kind: 'AcceptCrossBorderShare', referralId, at }))).toBe('referral-revoked');
    });

    it('refuses a second share, after revoke, without or after withdrawn consent, and to the wrong country', () => {
      expect(ruleOf(() => given([opened, consent, shareRequested]).when(share))).toBe('referral-already-shared');
      expect(ruleOf(() => given([opened, consent, revoked]).when(share))).toBe('referral-revoked');
      expect(ruleOf(() => given([shelterOpened]).when(share))).toBe('consent-required');
      expect(ruleOf(() => given([opened, consent, withdrawn]).when(share))).toBe('consent-withdrawn');
      expect(ruleOf(() => given([shelterOpened, accepted, delivered, closed]).when(share))).toBe('referral-finished');
      expect(ruleOf(() => given([opened, consent]).when({ ...share, toCountry: 'TH' }))).toBe('share-to-own-country');
      expect(ruleOf(() => given([opened, consent]).when({ ...share, toCountry: 'FR' as never }))).toBe('country-outside-the-subregion');
    });

    it('keeps the sender from changing the referral after the handover', () => {
      const sender: ReferralCommand[] = [
        accept,
        { kind: 'DeclineReferral', referralId, reason: 'no-capacity', declinedAt: at },
        recordConsent,
        { kind: 'RecordServicesDelivered', referralId, deliveredAt: at },
        close,
        revoke,
      ];
      for (const command of sender) expect(ruleOf(() => given(handedOver).when(command))).toBe('referral-handed-over');
      expect(ruleOf(() => given(handedOver, afterDeadline).when(escalate))).toBe('referral-handed-over');
      expect(ruleOf(() => given([...handedOver, shareClosed]).when(revoke))).toBe('referral-handed-over');
    });
  });
});
