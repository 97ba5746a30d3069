// Fixtures for this library's specs only (not exported from the index).
import type { CrossingRecordedData, FlagRecord } from '@border-ledger/points-of-entry-domain';
import { evolveAgreement } from '../agreement/agreement.decider';
import { AGREEMENT_RECORDED } from '../agreement/agreement.events';
import { initialAgreementState, type AgreementState, type AgreementTerms } from '../agreement/agreement.types';
import type { MinimiseMeta, MinimiseRefs, SourceEvent } from '../minimise/minimise.types';
import { agreementRefs } from '../refs/agreement-refs';

/** The secret Thailand's and Cambodia's nodes share for the agreement (each holds a copy). */
export const SECRET = new Uint8Array(32).fill(7);

/** Personal data that must never appear in a shared record. */
export const CANARY = {
  documentNumber: 'CANARY-DOC-N0123456',
  name: 'Canary Sokha Namefield',
  nodeTravellerRef: 'c'.repeat(64),
  noteId: 'canary-note-0000-1111',
  symptom: 'canary-symptom-fever',
  celsius: 39.87,
  reason: 'canary free text voiding reason',
} as const;

export const terms = (overrides: Partial<AgreementTerms> = {}): AgreementTerms => ({
  agreementId: 'th-kh-immigration',
  parties: [
    { agency: 'TH-IMM', country: 'TH' },
    { agency: 'KH-IMM', country: 'KH' },
  ],
  purpose: 'border-management',
  records: {
    'exchange.crossing.v1': { fields: ['nationality', 'ageBand', 'travelGroup'] },
    'exchange.screening-outcome.v1': { fields: [] },
    'exchange.trafficking-flag.v1': { fields: ['crossingRef', 'travellerRef', 'severity'] },
    'exchange.referral.v1': { fields: ['flagRef'] },
  },
  pointsOfEntry: ['TH-ARANYAPRATHET', 'KH-POIPET'],
  retentionDays: 90,
  effectiveFrom: '2026-01-01',
  ...overrides,
});

/** An agreement state with one recorded version of `t`. */
export const agreementOf = (t: AgreementTerms = terms()): AgreementState =>
  evolveAgreement(initialAgreementState, {
    type: AGREEMENT_RECORDED,
    data: { agreementId: t.agreementId, version: 1, terms: t, recordedAt: '2025-12-01T00:00:00Z' },
  });

export const TH_META: MinimiseMeta = { recordId: 'rec-1', senderAgency: 'TH-IMM', senderCountry: 'TH', recordedAt: '2026-11-23T09:00:00Z' };
export const KH_META: MinimiseMeta = { recordId: 'rec-2', senderAgency: 'KH-IMM', senderCountry: 'KH', recordedAt: '2026-11-23T12:00:00Z' };

/**
 * The caller's port on a node: it "unseals" the identity of a crossing (here a lookup table of
 * documents) and computes the agreement ref from the document with the shared secret.
 */
export function nodeRefs(documents: Readonly<Record<string, string>> = { 'crossing-1': CANARY.documentNumber }, secret = SECRET): MinimiseRefs {
  const refs = agreementRefs(secret, 'th-kh-immigration');
  return {
    travellerRef: ({ crossingId }) => {
      const document = crossingId === undefined ? undefined : documents[crossingId];
      return document === undefined ? undefined : refs.travellerRef('passport', document, 'KH');
    },
    ref: refs.ref,
  };
}

export const crossingData = (overrides: Partial<CrossingRecordedData> = {}): CrossingRecordedData => ({
  crossingId: 'crossing-1',
  pointOfEntry: 'TH-ARANYAPRATHET',
  direction: 'exit',
  channel: 'border-pass',
  purpose: 'family',
  nationality: 'KH',
  sex: 'female',
  ageBand: '5-11',
  borderPass: { area: 'Sa Kaeo', validDays: 7 },
  groupId: 'group-1',
  guardianCrossingId: 'crossing-0',
  travellerRef: CANARY.nodeTravellerRef,
  identity: { keyId: 'key-1', algorithm: 'AES-256-GCM', iv: 'aXY=', ciphertext: Buffer.from(CANARY.name).toString('base64'), tag: 'dGFn' },
  ...overrides,
});

export const flagRecord = (overrides: Partial<FlagRecord> = {}): FlagRecord => ({
  flagId: 'flag-1',
  subject: { kind: 'crossing', id: 'crossing-1' },
  pointOfEntry: 'TH-ARANYAPRATHET',
  indicators: ['child-without-guardian', 'deception'],
  severity: 'critical',
  childProtection: true,
  observedAt: '2026-11-23T08:50:00+07:00',
  noteId: CANARY.noteId,
  ...overrides,
});

let sequence = 0;
/** A stored event as the event store hands it out. */
export const stored = (type: string, data: unknown, occurredAt = '2026-11-23T08:55:00+07:00', streamId = 'stream-1'): SourceEvent => ({
  eventId: `event-${++sequence}`,
  type,
  streamId,
  data,
  occurredAt,
  metadata: { correlationId: 'correlation-1', causationId: null },
});
