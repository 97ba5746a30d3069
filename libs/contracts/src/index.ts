/**
 * Cross-border wire contracts (`proto/borderledger/exchange/v1`): the schemas and types generated
 * by protoc-gen-es into `./gen` (do not edit; run `npm run proto:generate`), and small helpers to
 * encode and decode feed messages and to convert timestamps.
 *
 * @packageDocumentation
 */
export * from './gen/borderledger/exchange/v1/feed_pb';
export * from './gen/borderledger/exchange/v1/record_pb';
export * from './gen/borderledger/exchange/v1/payloads_pb';
export * from './gen/borderledger/exchange/v1/checkpoint_pb';
export { decodeFeedMessage, decodeFeedRecord, encodeFeedMessage, encodeFeedRecord } from './lib/codec';
export type { DecodeResult } from './lib/codec';
export { isoFromTimestamp, timestampFromIso } from './lib/timestamps';
export { TimestampSchema, timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
export type { Timestamp } from '@bufbuild/protobuf/wkt';
