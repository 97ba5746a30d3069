import {
  encodeFeedRecord,
  isoFromTimestamp,
  timestampFromIso,
  type FeedRecord,
  type Timestamp,
} from '@border-ledger/contracts';
import {
  CROSSING_RECORD,
  REFERRAL_RECORD,
  SCREENING_OUTCOME_RECORD,
  TRAFFICKING_FLAG_RECORD,
  type SharedBody,
  type SharedRecord,
} from '@border-ledger/exchange-domain';

/** Thrown inside {@link fromFeedRecord} at the first defect; never escapes it. */
class WireDefect extends Error {}

/** The exact bytes of a record: what is signed, hashed as the Merkle leaf and sent. */
export function encodeSharedRecord(record: SharedRecord): Uint8Array {
  const { recordType, payload, leafIndex, occurredAt, recordedAt, ...envelope } = record;
  return encodeFeedRecord({
    ...envelope,
    recordType,
    leafIndex: BigInt(leafIndex),
    occurredAt: timestampFromIso(occurredAt),
    recordedAt: timestampFromIso(recordedAt),
    payload: payloadToWire({ recordType, payload } as SharedBody),
  });
}

function payloadToWire(body: SharedBody): NonNullable<Parameters<typeof encodeFeedRecord>[0]['payload']> {
  switch (body.recordType) {
    case CROSSING_RECORD:
      return { case: 'crossing', value: { ...body.payload, crossedAt: timestampFromIso(body.payload.crossedAt) } };
    case SCREENING_OUTCOME_RECORD:
      return { case: 'screeningOutcome', value: { ...body.payload, decidedAt: timestampFromIso(body.payload.decidedAt) } };
    case TRAFFICKING_FLAG_RECORD:
      return { case: 'traffickingFlag', value: { ...body.payload, indicators: [...body.payload.indicators], observedAt: timestampFromIso(body.payload.observedAt) } };
    case REFERRAL_RECORD:
      return { case: 'referral', value: { ...body.payload, services: [...body.payload.services], at: timestampFromIso(body.payload.at) } };
    default: {
      const never: never = body;
      return never;
    }
  }
}

/** The domain's view of a decoded wire record, or why it is not a well-formed record. */
export function fromFeedRecord(message: FeedRecord): { ok: true; record: SharedRecord } | { ok: false; reason: string } {
  try {
    const { payload } = message;
    const leafIndex = message.leafIndex;
    if (leafIndex > BigInt(Number.MAX_SAFE_INTEGER)) throw new WireDefect('leaf index out of range');
    const envelope = {
      recordId: message.recordId,
      agreementId: message.agreementId,
      agreementVersion: message.agreementVersion,
      senderAgency: message.senderAgency,
      senderCountry: message.senderCountry,
      schemaVersion: message.schemaVersion,
      correlationId: message.correlationId,
      causationId: message.causationId,
      occurredAt: iso(message.occurredAt, 'occurred_at'),
      recordedAt: iso(message.recordedAt, 'recorded_at'),
      leafIndex: Number(leafIndex),
    };
    const expected = CASE_OF[message.recordType as keyof typeof CASE_OF];
    if (expected === undefined) throw new WireDefect(`unknown record type ${JSON.stringify(message.recordType.slice(0, 60))}`);
    if (payload.case !== expected) throw new WireDefect(`record type ${message.recordType} carries payload ${payload.case ?? 'none'}`);
    return { ok: true, record: { ...envelope, ...bodyFromWire(payload) } as SharedRecord };
  } catch (error) {
    if (error instanceof WireDefect || error instanceof RangeError) return { ok: false, reason: error.message };
    throw error;
  }
}

const CASE_OF = {
  [CROSSING_RECORD]: 'crossing',
  [SCREENING_OUTCOME_RECORD]: 'screeningOutcome',
  [TRAFFICKING_FLAG_RECORD]: 'traffickingFlag',
  [REFERRAL_RECORD]: 'referral',
} as const;

function bodyFromWire(payload: FeedRecord['payload']): SharedBody {
  switch (payload.case) {
    case 'crossing': {
      const { $typeName: _t, $unknown: _u, crossedAt, ...rest } = payload.value;
      return { recordType: CROSSING_RECORD, payload: defined({ ...rest, crossedAt: iso(crossedAt, 'crossed_at') }) as never };
    }
    case 'screeningOutcome': {
      const { $typeName: _t, $unknown: _u, decidedAt, ...rest } = payload.value;
      return { recordType: SCREENING_OUTCOME_RECORD, payload: defined({ ...rest, decidedAt: iso(decidedAt, 'decided_at') }) as never };
    }
    case 'traffickingFlag': {
      const { $typeName: _t, $unknown: _u, observedAt, ...rest } = payload.value;
      return { recordType: TRAFFICKING_FLAG_RECORD, payload: defined({ ...rest, observedAt: iso(observedAt, 'observed_at') }) as never };
    }
    case 'referral': {
      const { $typeName: _t, $unknown: _u, at, ...rest } = payload.value;
      return { recordType: REFERRAL_RECORD, payload: defined({ ...rest, at: iso(at, 'at') }) as never };
    }
    default:
      throw new WireDefect('record without a payload');
  }
}

function iso(timestamp: Timestamp | undefined, field: string): string {
  if (!timestamp) throw new WireDefect(`${field} is missing`);
  return isoFromTimestamp(timestamp);
}

/** Drops absent optional fields, so presence on the wire is presence in the domain object. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
