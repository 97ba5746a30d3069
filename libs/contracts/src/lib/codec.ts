import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import type { DescMessage, MessageInitShape, MessageShape } from '@bufbuild/protobuf';
import { FeedMessageSchema } from '../gen/borderledger/exchange/v1/feed_pb';
import type { FeedMessage } from '../gen/borderledger/exchange/v1/feed_pb';
import { FeedRecordSchema } from '../gen/borderledger/exchange/v1/record_pb';
import type { FeedRecord } from '../gen/borderledger/exchange/v1/record_pb';

/**
 * The outcome of decoding bytes received from another agency: the message, or why the bytes are
 * not one. Decoding never throws, so a consumer can skip (and count) a poison message instead of
 * failing its partition.
 */
export type DecodeResult<T> = { readonly ok: true; readonly message: T } | { readonly ok: false; readonly reason: string };

/**
 * Decodes `bytes` as a message of `schema` without throwing. Unknown fields (from a newer sender)
 * are kept on the message and written back by `toBinary`, as protobuf does. `null`/`undefined`
 * (a Kafka tombstone or missing value) is a failure; an empty byte array is a valid message with
 * every field unset.
 */
function decode<Desc extends DescMessage>(schema: Desc, bytes: Uint8Array | null | undefined): DecodeResult<MessageShape<Desc>> {
  if (bytes === null || bytes === undefined) return { ok: false, reason: `no bytes to decode as ${schema.typeName}` };
  if (!(bytes instanceof Uint8Array)) return { ok: false, reason: `expected bytes to decode as ${schema.typeName}` };
  try {
    return { ok: true, message: fromBinary(schema, bytes) };
  } catch (error: unknown) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: `not a valid ${schema.typeName}: ${detail}` };
  }
}

/**
 * Serializes a feed message: the value of one Kafka message on an agreement's topic.
 *
 * @param message - a `FeedMessage`, or its init shape (e.g. `{ kind: { case: 'record', value: { ... } } }`).
 * @returns the protobuf binary encoding.
 */
export function encodeFeedMessage(message: FeedMessage | MessageInitShape<typeof FeedMessageSchema>): Uint8Array {
  return toBinary(FeedMessageSchema, create(FeedMessageSchema, message));
}

/**
 * Decodes the value of one Kafka message on an agreement's topic. Never throws: garbage, truncated
 * or invalid UTF-8 input gives `{ ok: false, reason }`.
 *
 * A message whose `kind.case` is `undefined` decoded fine but carries no kind this version knows
 * (empty, or a kind added by a newer sender, kept in `$unknown`): skip it.
 *
 * @param bytes - the Kafka message value (a `Buffer` is a `Uint8Array`); `null` for a tombstone.
 */
export function decodeFeedMessage(bytes: Uint8Array | null | undefined): DecodeResult<FeedMessage> {
  return decode(FeedMessageSchema, bytes);
}

/**
 * Serializes a feed record. These are the bytes the sender signs, hashes as the Merkle leaf and
 * places in `SignedRecord.record`; encode once and keep the bytes, never re-encode to verify.
 *
 * @param record - a `FeedRecord`, or its init shape.
 * @returns the protobuf binary encoding.
 */
export function encodeFeedRecord(record: FeedRecord | MessageInitShape<typeof FeedRecordSchema>): Uint8Array {
  return toBinary(FeedRecordSchema, create(FeedRecordSchema, record));
}

/**
 * Decodes `SignedRecord.record` (after its signature has been verified over these same bytes).
 * Never throws: invalid input gives `{ ok: false, reason }`. A record whose `payload.case` is
 * `undefined` carries no payload type this version knows.
 *
 * @param bytes - the serialized `FeedRecord`.
 */
export function decodeFeedRecord(bytes: Uint8Array | null | undefined): DecodeResult<FeedRecord> {
  return decode(FeedRecordSchema, bytes);
}
