import { Metadata, type ServerErrorResponse, type status as GrpcStatus } from '@grpc/grpc-js';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty as ProtoEmpty } from 'google-protobuf/google/protobuf/empty_pb';
import {
  AllStreamPosition,
  BadRequest,
  Empty,
  MaximumAppendSizeExceeded,
  StreamIdentifier,
  UUID,
  WrongExpectedVersion,
} from '@eventstore/db-client/generated/shared_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import { BatchAppendReq, BatchAppendResp, ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { Code } from '@eventstore/db-client/generated/code_pb';
import {
  EXPECTED_ANY,
  EXPECTED_NO_STREAM,
  EXPECTED_STREAM_EXISTS,
  type AppendOutcome,
  type LogRecord,
  type ProposedEvent,
  type ReadFrom,
} from './emulator-log';

const ExpectedCase = BatchAppendReq.Options.ExpectedStreamPositionCase;

/** A status the client turns into an error, sent when the emulator refuses or ends a call. */
export function rpcError(code: GrpcStatus, details: string): ServerErrorResponse {
  return Object.assign(new Error(details), { code, details, metadata: new Metadata() });
}

export function streamName(identifier: StreamIdentifier | undefined): string {
  return Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');
}

function identifier(name: string): StreamIdentifier {
  return new StreamIdentifier().setStreamName(Buffer.from(name, 'utf8'));
}

/** Parses a GUID in either wire form and formats it as the server does (lower case). */
export function parseUuid(uuid: UUID | undefined): string {
  if (uuid?.hasStructured()) {
    const structured = uuid.getStructured()!;
    const hex = [structured.getMostSignificantBits(), structured.getLeastSignificantBits()]
      .map((bits) => BigInt.asUintN(64, BigInt(bits)).toString(16).padStart(16, '0'))
      .join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  const text = uuid?.getString() ?? '';
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text)) throw new Error(`Invalid UUID: ${text}`);
  return text.toLowerCase();
}

export function expectedVersion(options: BatchAppendReq.Options): bigint {
  switch (options.getExpectedStreamPositionCase()) {
    case ExpectedCase.STREAM_POSITION:
      return BigInt(options.getStreamPosition());
    case ExpectedCase.NO_STREAM:
      return EXPECTED_NO_STREAM;
    case ExpectedCase.STREAM_EXISTS:
      return EXPECTED_STREAM_EXISTS;
    default:
      return EXPECTED_ANY;
  }
}

export function proposedEvent(message: BatchAppendReq.ProposedMessage): ProposedEvent {
  const metadata = message.getMetadataMap();
  return {
    eventId: parseUuid(message.getId()),
    type: metadata.get('type') ?? '',
    contentType: metadata.get('content-type') ?? 'application/octet-stream',
    data: message.getData_asU8(),
    metadata: message.getCustomMetadata_asU8(),
  };
}

/** A `google.rpc.Status` as the server builds it: its details packed in an Any the client unpacks. */
function packedStatus(code: Code, message: string, details: { serializeBinary(): Uint8Array }): Status {
  const any = new Any();
  any.pack(details.serializeBinary(), `event_store.client.${message}`);
  return new Status().setCode(code).setMessage(message).setDetails(any);
}

function wrongExpectedVersion(current: bigint, expected: bigint): Status {
  const details = new WrongExpectedVersion();
  if (current < 0n) details.setCurrentNoStream(new ProtoEmpty());
  else details.setCurrentStreamRevision(current.toString());
  if (expected === EXPECTED_ANY) details.setExpectedAny(new ProtoEmpty());
  else if (expected === EXPECTED_NO_STREAM) details.setExpectedNoStream(new ProtoEmpty());
  else if (expected === EXPECTED_STREAM_EXISTS) details.setExpectedStreamExists(new ProtoEmpty());
  else details.setExpectedStreamPosition(expected.toString());
  return packedStatus(Code.ALREADY_EXISTS, 'WrongExpectedVersion', details);
}

export function maximumAppendSizeExceeded(maxAppendSize: number): Status {
  const details = new MaximumAppendSizeExceeded().setMaxappendsize(maxAppendSize);
  return packedStatus(Code.INVALID_ARGUMENT, 'MaximumAppendSizeExceeded', details);
}

export function badRequest(message: string): Status {
  return packedStatus(Code.INVALID_ARGUMENT, 'BadRequest', new BadRequest().setMessage(message));
}

export function appendResponse(correlation: UUID | undefined, stream: string, outcome: AppendOutcome | Status): BatchAppendResp {
  const response = new BatchAppendResp().setCorrelationId(correlation).setStreamIdentifier(identifier(stream));
  if (outcome instanceof Status) return response.setError(outcome);
  if (outcome.kind === 'wrong-expected-version') return response.setError(wrongExpectedVersion(outcome.current, outcome.expected));
  const success = new BatchAppendResp.Success()
    .setCurrentRevision(outcome.revision.toString())
    .setPosition(
      new AllStreamPosition().setCommitPosition(outcome.position.toString()).setPreparePosition(outcome.position.toString()),
    );
  return response.setSuccess(success);
}

export function readFromStream(options: ReadReq.Options.StreamOptions): ReadFrom {
  if (options.hasStart()) return 'start';
  if (options.hasEnd()) return 'end';
  return BigInt(options.getRevision());
}

export function readFromAll(options: ReadReq.Options.AllOptions): ReadFrom {
  if (options.hasPosition()) return BigInt(options.getPosition()!.getCommitPosition());
  return options.hasEnd() ? 'end' : 'start';
}

/** An event as the server sends it; `commit_position` of the wrapper is set for `$all` reads. */
export function eventResponse(record: LogRecord, fromAll: boolean): ReadResp {
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(new UUID().setString(record.eventId))
    .setStreamIdentifier(identifier(record.streamId))
    .setStreamRevision(record.revision.toString())
    .setCommitPosition(record.position.toString())
    .setPreparePosition(record.position.toString())
    .setData(record.data)
    .setCustomMetadata(record.metadata);
  const metadata = recorded.getMetadataMap();
  metadata.set('type', record.type);
  metadata.set('content-type', record.contentType);
  metadata.set('created', record.created.toString());
  const event = new ReadResp.ReadEvent().setEvent(recorded);
  if (fromAll) event.setCommitPosition(record.position.toString());
  else event.setNoPosition(new Empty());
  return new ReadResp().setEvent(event);
}

export function streamNotFound(name: string): ReadResp {
  return new ReadResp().setStreamNotFound(new ReadResp.StreamNotFound().setStreamIdentifier(identifier(name)));
}
