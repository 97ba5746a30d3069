import { randomUUID } from 'node:crypto';
import { status, type ServerDuplexStream, type ServerWritableStream, type UntypedServiceImplementation } from '@grpc/grpc-js';
import { BatchAppendReq, BatchAppendResp, ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { EmulatorLog, ProposedEvent } from './emulator-log';
import {
  appendResponse,
  badRequest,
  eventResponse,
  expectedVersion,
  maximumAppendSizeExceeded,
  parseUuid,
  proposedEvent,
  readFromAll,
  readFromStream,
  rpcError,
  streamName,
  streamNotFound,
} from './wire';

/** The server's default `MaxAppendSize`. */
const MAX_APPEND_SIZE = 1024 * 1024;

/** Failures a test arms: the next `count` appends are written but never acknowledged. */
export interface Faults {
  lostAcknowledgements: number;
}

/** A live `$all` subscription the test can drop, as the server does when it gives up on one. */
export interface ActiveSubscription {
  drop(): void;
  cancel(): void;
}

/**
 * `event_store.client.streams.Streams`: `Read` (stream and `$all` reads, `$all` subscriptions)
 * and `BatchAppend`, the two calls the client makes for the adapter. Other methods answer
 * UNIMPLEMENTED, as grpc-js does for handlers that are not registered.
 */
export function streamsService(
  log: EmulatorLog,
  subscriptions: Set<ActiveSubscription>,
  faults: Faults,
): UntypedServiceImplementation {
  return {
    read: (call: ServerWritableStream<ReadReq, ReadResp>) => read(log, subscriptions, call),
    batchAppend: (call: ServerDuplexStream<BatchAppendReq, BatchAppendResp>) => batchAppend(log, faults, call),
  };
}

function read(log: EmulatorLog, subscriptions: Set<ActiveSubscription>, call: ServerWritableStream<ReadReq, ReadResp>): void {
  const options = call.request.getOptions();
  const refuse = (code: status, details: string): void => void call.emit('error', rpcError(code, details));
  if (!options) return refuse(status.INVALID_ARGUMENT, 'Read options are required');
  if (options.hasFilter()) return refuse(status.UNIMPLEMENTED, 'Server-side filters are not emulated');
  if (options.getUuidOption()?.hasStructured()) return refuse(status.UNIMPLEMENTED, 'Structured UUIDs are not emulated');
  if (options.hasSubscription()) {
    if (!options.hasAll()) return refuse(status.UNIMPLEMENTED, 'Stream subscriptions are not emulated');
    return subscribeToAll(log, subscriptions, call, options.getAll()!);
  }
  const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
  const count = Number(options.getCount());
  if (options.hasStream()) {
    const stream = options.getStream()!;
    const name = streamName(stream.getStreamIdentifier());
    const records = log.readStream(name, readFromStream(stream), backwards, count);
    if (records === undefined) call.write(streamNotFound(name));
    else for (const record of records) call.write(eventResponse(record, false));
  } else if (options.hasAll()) {
    for (const record of log.readAll(readFromAll(options.getAll()!), backwards, count)) call.write(eventResponse(record, true));
  }
  call.end();
}

/** Confirmation, then the events after the start position, then `CaughtUp`, then live events. */
function subscribeToAll(
  log: EmulatorLog,
  subscriptions: Set<ActiveSubscription>,
  call: ServerWritableStream<ReadReq, ReadResp>,
  options: ReadReq.Options.AllOptions,
): void {
  call.write(new ReadResp().setConfirmation(new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID())));
  const live = log.subscribeToAll(readFromAll(options), (records) => {
    for (const record of records) call.write(eventResponse(record, true));
  });
  for (const record of live.catchUp) call.write(eventResponse(record, true));
  call.write(new ReadResp().setCaughtUp(new ReadResp.CaughtUp()));
  const active: ActiveSubscription = {
    cancel: () => {
      live.cancel();
      subscriptions.delete(active);
    },
    drop: () => {
      active.cancel();
      call.emit('error', rpcError(status.UNKNOWN, 'Unexpected SubscriptionDropReason: dropped by the emulator'));
    },
  };
  subscriptions.add(active);
  call.on('cancelled', active.cancel);
  call.on('finish', active.cancel);
}

interface PendingWrite {
  readonly stream: string;
  readonly expected: bigint;
  readonly events: ProposedEvent[];
  size: number;
}

/** Requests carry a correlation id; options come first, events may span several requests. */
function batchAppend(log: EmulatorLog, faults: Faults, call: ServerDuplexStream<BatchAppendReq, BatchAppendResp>): void {
  const pending = new Map<string, PendingWrite>();
  call.on('data', (request: BatchAppendReq) => {
    const correlation = request.getCorrelationId();
    const options = request.getOptions();
    const stream = streamName(options?.getStreamIdentifier());
    try {
      const key = parseUuid(correlation);
      if (options) pending.set(key, { stream, expected: expectedVersion(options), events: [], size: 0 });
      const write = pending.get(key);
      if (!write) return;
      for (const message of request.getProposedMessagesList()) {
        const event = proposedEvent(message);
        write.events.push(event);
        write.size += event.data.length + event.metadata.length + Buffer.byteLength(event.type);
      }
      if (write.size > MAX_APPEND_SIZE) {
        pending.delete(key);
        call.write(appendResponse(correlation, write.stream, maximumAppendSizeExceeded(MAX_APPEND_SIZE)));
      } else if (request.getIsFinal()) {
        pending.delete(key);
        const outcome = log.append(write.stream, write.expected, write.events);
        if (faults.lostAcknowledgements > 0) {
          faults.lostAcknowledgements -= 1;
          call.emit('error', rpcError(status.UNAVAILABLE, 'Connection lost after the write'));
          return;
        }
        call.write(appendResponse(correlation, write.stream, outcome));
      }
    } catch (error) {
      call.write(appendResponse(correlation, stream, badRequest((error as Error).message)));
    }
  });
  call.on('end', () => call.end());
}
