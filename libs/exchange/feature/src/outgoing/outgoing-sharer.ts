import { sign } from 'node:crypto';
import { deterministicEventId, type Clock, type NodeIdentity, type WorkItem } from '@border-ledger/event-store';
import {
  agreementInForce,
  agreementRefs,
  minimise,
  RECORD_SCHEMA_VERSION,
  REFERRAL_RECORD,
  REFERRAL_RESPONDED,
  type AgreementRefs,
  type ReferralRespondedData,
  type MinimiseContext,
  type MinimiseRefs,
  type SharedRecord,
  type SharedRecordDraft,
  type SourceEvent,
  type TravellerSubject,
} from '@border-ledger/exchange-domain';
import { revealCrossingIdentity, type TravellerKeyVault } from '@border-ledger/identity';
import type { CrossingRecordedData } from '@border-ledger/points-of-entry-domain';
import type { AgreementRow, AgreementsStore } from '../agreement/agreements.store';
import { feedLogId } from '../integrity/integrity-monitor';
import type { ExchangeKeys } from '../keys/exchange-keys';
import { encodeSharedRecord } from '../wire/record-wire';
import type { OutgoingLog } from './outgoing-log';
import type { ShareContext } from './share-context';

/** The payload of a `share` work item: the event and the facts it needs, as they were when it was seen. */
export interface SharePayload {
  readonly source: SourceEvent;
  readonly context: MinimiseContext;
}

/** Told about each record placed in an outgoing feed (the shared-records read model, matching), with the event it came from. */
export type OnShared = (logId: string, record: SharedRecord, partnerCountry: string, source: SourceEvent | undefined) => void;

/**
 * Turns one of the node's events into the records its agreements share: for every agreement in
 * force that this agency is a party of, minimise under the agreement, re-key references with the
 * agreement's secret, sign, and append to the agreement's log. A leaf per (event, agreement) at
 * most: replays add nothing.
 */
export class OutgoingSharer {
  constructor(
    private readonly node: NodeIdentity,
    private readonly keys: ExchangeKeys,
    private readonly agreements: AgreementsStore,
    private readonly context: ShareContext,
    private readonly log: OutgoingLog,
    private readonly vault: TravellerKeyVault | undefined,
    private readonly clock: Clock,
    private readonly onShared: OnShared,
    private readonly onMissingSecret: (agreementId: string) => void,
  ) {}

  async share(item: WorkItem): Promise<void> {
    const { source, context } = item.payload as SharePayload;
    const person = await this.person(source, context);
    const now = this.clock().toISOString();
    for (const { row, partner } of this.agreements.inForceFor(this.node.agency, source.occurredAt)) {
      const secret = this.keys.agreementSecrets.get(row.agreementId);
      if (!secret) {
        this.onMissingSecret(row.agreementId);
        continue;
      }
      const space = agreementRefs(secret, row.agreementId);
      const refs: MinimiseRefs = {
        travellerRef: (subject: TravellerSubject) =>
          person && (subject.crossingId === person.crossingId || subject.nodeTravellerRef === person.nodeRef)
            ? space.travellerRef(person.documentType, person.documentNumber, person.nationality)
            : undefined,
        ref: (kind, id) => space.ref(kind, id),
      };
      const meta = { recordId: deterministicEventId(`xb:${row.agreementId}:${source.eventId}`, 0), senderAgency: this.node.agency, senderCountry: this.node.country, recordedAt: now };
      const draft = source.type === REFERRAL_RESPONDED ? respondedDraft(source, row, meta, space) : minimise(source, row.state, refs, meta, context);
      if (draft) this.append(draft, source.eventId, partner.country, source);
    }
  }

  /** Appends a record someone built directly (a cross-border referral response) to its agreement's feed. */
  append(draft: SharedRecordDraft, sourceId: string, partnerCountry: string, source?: SourceEvent): void {
    const logId = feedLogId(draft.agreementId, this.node.agency);
    let placed: SharedRecord | undefined;
    this.log.append(logId, sourceId, (leafIndex) => {
      placed = { ...draft, leafIndex } as SharedRecord;
      const record = encodeSharedRecord(placed);
      return { record, signature: sign(null, record, this.keys.signing.privateKey), keyId: this.keys.signing.keyId };
    });
    if (placed) this.onShared(logId, placed, partnerCountry, source);
  }

  /** The document behind the event's crossing, when this node can still open it (not erased). */
  private async person(source: SourceEvent, context: MinimiseContext) {
    const data = source.data as Partial<CrossingRecordedData> & { subject?: { kind: string; id: string } };
    const crossingId =
      data.crossingId ??
      (data.subject?.kind === 'crossing' ? data.subject.id : undefined) ??
      (context.flag?.subject.kind === 'crossing' ? context.flag.subject.id : undefined) ??
      context.referral?.crossingId;
    const crossing = source.type === 'points-of-entry.crossing-recorded.v1' ? (source.data as CrossingRecordedData) : crossingId ? this.context.crossing(crossingId)?.data : undefined;
    if (!crossing || !this.vault) return undefined;
    const reading = await revealCrossingIdentity<{ documentType: string; documentNumber: string }>(this.vault, crossing);
    if (reading.status !== 'readable') return undefined;
    return {
      crossingId: crossing.crossingId,
      nodeRef: crossing.travellerRef,
      nationality: crossing.nationality,
      documentType: reading.identity.documentType,
      documentNumber: reading.identity.documentNumber,
    };
  }
}

/**
 * The record of this agency's answer to a partner's referral request: already minimal (a ref the
 * partner chose, a stage, a reason code), so it is built directly, for its own agreement only.
 */
function respondedDraft(
  source: SourceEvent,
  row: AgreementRow,
  meta: { recordId: string; senderAgency: string; senderCountry: string; recordedAt: string },
  space: AgreementRefs,
): SharedRecordDraft | null {
  const data = source.data as ReferralRespondedData;
  const version = agreementInForce(row.state, source.occurredAt);
  if (data.agreementId !== row.agreementId || !version) return null;
  return {
    ...meta,
    agreementId: row.agreementId,
    agreementVersion: version.version,
    schemaVersion: RECORD_SCHEMA_VERSION,
    correlationId: space.ref('correlation', source.metadata.correlationId),
    causationId: space.ref('event', source.eventId),
    occurredAt: source.occurredAt,
    recordType: REFERRAL_RECORD,
    payload: {
      referralRef: data.referralRef,
      stage: data.stage,
      fromAgency: meta.senderAgency,
      toAgency: data.toAgency,
      services: [...data.services],
      ...(data.reasonCode ? { reasonCode: data.reasonCode } : {}),
      at: data.respondedAt,
    },
  };
}
