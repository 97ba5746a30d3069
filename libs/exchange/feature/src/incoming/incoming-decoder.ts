import { createHash } from 'node:crypto';
import { deterministicEventId, type EventEnvelope, type NodeIdentity } from '@border-ledger/event-store';
import { checkIncoming, initialAgreementState, type SharedRecord } from '@border-ledger/exchange-domain';
import type { DecodeResult, RawRecord } from '@border-ledger/kafka';
import { decodeCheckpointBody, signedCheckpointToJson, type SignedCheckpointJson } from '@border-ledger/merkle';
import type { AgreementsStore } from '../agreement/agreements.store';
import { agencyOfLog, feedLogId } from '../integrity/integrity-monitor';
import type { TrustedAgency } from '../keys/exchange-keys';
import { decodeFeed } from '../wire/feed-messages';

/** A partner's record, checked, as the incoming feed hands it to the exchange. */
export const RECORD_RECEIVED = 'exchange.record-received.v1';
/** A partner's signed checkpoint (its signature is checked by the feed verifier). */
export const CHECKPOINT_RECEIVED = 'exchange.checkpoint-received.v1';

export interface RecordReceivedData {
  readonly logId: string;
  readonly partnerCountry: string;
  readonly record: SharedRecord;
  /** The signed record bytes (base64): the Merkle leaf. */
  readonly bytes: string;
}

export interface CheckpointReceivedData {
  readonly logId: string;
  readonly signed: SignedCheckpointJson;
  readonly previousTreeSize: number;
  readonly consistencyProof: readonly string[];
}

/**
 * Decodes a message of a partner's feed and checks it: wire format, signature by a trusted key of
 * the sending agency, and the agreement's scope (type, fields, version in force). Anything else is
 * refused with a reason and goes to the dead-letter topic; nothing refused reaches the read model.
 * Event ids are content hashes: a redelivered message is a duplicate, a rewritten one is not (the
 * feed verifier must see it to raise the alarm).
 */
export function incomingDecoder(
  node: NodeIdentity,
  trusted: ReadonlyMap<string, TrustedAgency>,
  agreements: AgreementsStore,
): (raw: RawRecord) => DecodeResult {
  return (raw) => {
    const value = typeof raw.value === 'string' ? Buffer.from(raw.value) : raw.value;
    const decoded = decodeFeed(value, trusted);
    switch (decoded.kind) {
      case 'refused':
        return { ok: false, reason: decoded.reason };
      case 'record': {
        const { record, recordBytes, signer } = decoded;
        if (signer.agency === node.agency) return { ok: false, reason: 'own-feed: a record this agency signed came back on a partner topic' };
        const { leafIndex: _index, ...draft } = record;
        const state = agreements.get(record.agreementId)?.state ?? initialAgreementState;
        const check = checkIncoming(draft, state, { senderAgency: signer.agency, senderCountry: signer.country });
        if (!check.ok) return { ok: false, reason: `${check.reason.code}: ${check.reason.message}` };
        const logId = feedLogId(record.agreementId, signer.agency);
        const data: RecordReceivedData = { logId, partnerCountry: signer.country, record, bytes: Buffer.from(recordBytes).toString('base64') };
        return { ok: true, envelope: envelope(recordBytes, RECORD_RECEIVED, logId, record.leafIndex, record.occurredAt, signer, data, record.correlationId) };
      }
      case 'checkpoint': {
        const body = decodeCheckpointBody(decoded.signed.body);
        if (!body) return { ok: false, reason: 'malformed: checkpoint body' };
        const signer = [...trusted.values()].find((key) => key.keyId === decoded.signed.keyId);
        if (!signer) return { ok: false, reason: `unknown-key: checkpoint key ${decoded.signed.keyId.slice(0, 32)} is not in the trust list` };
        if (agencyOfLog(body.logId) !== signer.agency) return { ok: false, reason: `wrong-signer: ${signer.agency} signed a checkpoint of ${body.logId.slice(0, 80)}` };
        if (signer.agency === node.agency) return { ok: false, reason: 'own-feed: a checkpoint this agency signed came back on a partner topic' };
        const data: CheckpointReceivedData = {
          logId: body.logId,
          signed: signedCheckpointToJson(decoded.signed),
          previousTreeSize: decoded.previousTreeSize,
          consistencyProof: decoded.consistencyProof.map((p) => Buffer.from(p).toString('base64')),
        };
        const bytes = Buffer.concat([decoded.signed.body, decoded.signed.signature]);
        return { ok: true, envelope: envelope(bytes, CHECKPOINT_RECEIVED, body.logId, body.treeSize, body.timestamp, signer, data, '') };
      }
      default: {
        const never: never = decoded;
        return never;
      }
    }
  };
}

function envelope(
  content: Uint8Array,
  type: string,
  logId: string,
  revision: number,
  occurredAt: string,
  signer: TrustedAgency,
  data: RecordReceivedData | CheckpointReceivedData,
  correlationId: string,
): EventEnvelope {
  return {
    eventId: deterministicEventId(createHash('sha256').update(content).digest('hex'), 0),
    type,
    schemaVersion: 1,
    data,
    occurredAt,
    metadata: { agency: signer.agency, country: signer.country, correlationId, causationId: null },
    streamId: `xb-in-${logId}`,
    revision,
    position: 0,
    recordedAt: occurredAt,
    previousHash: '',
    hash: '',
  };
}
