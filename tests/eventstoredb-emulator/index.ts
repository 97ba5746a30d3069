import { randomUUID } from 'node:crypto';
import { Server, ServerCredentials, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import type { Empty } from '@eventstore/db-client/generated/shared_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { EXPECTED_ANY, EmulatorLog, type LogRecord, type ProposedEvent } from './emulator-log';
import { streamsService, type ActiveSubscription, type Faults } from './streams-service';

export type { LogRecord } from './emulator-log';

/** A running emulator of one insecure EventStoreDB node. */
export interface EventStoreDbEmulator {
  /** `esdb://127.0.0.1:<port>?tls=false` */
  readonly connectionString: string;
  /**
   * Ends every live `$all` subscription with an error status, as the server does when it drops
   * one. Returns how many it dropped.
   */
  dropSubscriptions(): number;
  /** Appends an event to a `$`-stream, like the statistics and settings a real node writes. */
  writeSystemEvent(streamId?: string, type?: string): void;
  /** Every event of `$all` as stored. */
  records(): readonly LogRecord[];
  /** Rewrites a stored event, as someone editing the database files would. */
  tamper(eventId: string, change: (record: LogRecord) => LogRecord): void;
  /** The next append is written, then its call fails with UNAVAILABLE instead of answering. */
  loseNextAcknowledgement(): void;
  /** Shuts the server down (clients see UNAVAILABLE); the log is kept for {@link start}. */
  stop(): Promise<void>;
  /** Serves the same log again on the same port. */
  start(): Promise<void>;
}

/** What a 23.10 node answers to `GetSupportedMethods` for the methods emulated here. */
function supportedMethods(): SupportedMethods {
  const method = (service: string, name: string, features: string[]): SupportedMethod =>
    new SupportedMethod().setServiceName(service).setMethodName(name).setFeaturesList(features);
  return new SupportedMethods()
    .setEventStoreServerVersion('23.10.0')
    .setMethodsList([
      method('event_store.client.streams.streams', 'read', ['position', 'events']),
      method('event_store.client.streams.streams', 'batchappend', ['deadline_duration']),
      method('event_store.client.server_features.serverfeatures', 'getsupportedmethods', []),
    ]);
}

function bind(server: Server, address: string): Promise<number> {
  return new Promise((resolve, reject) =>
    server.bindAsync(address, ServerCredentials.createInsecure(), (error, port) => (error ? reject(error) : resolve(port))),
  );
}

/**
 * Starts an in-memory emulator of the EventStoreDB gRPC API on a free loopback port, built on the
 * client package's own service definitions. Emulated: `ServerFeatures.GetSupportedMethods`,
 * `Streams.Read` (streams and `$all`, both directions, counts, `$all` catch-up subscriptions) and
 * `Streams.BatchAppend` (expected versions, idempotent retries, wrong-expected-version status).
 */
export async function startEmulator(): Promise<EventStoreDbEmulator> {
  const log = new EmulatorLog();
  const subscriptions = new Set<ActiveSubscription>();
  const faults: Faults = { lostAcknowledgements: 0 };
  log.append('$settings', EXPECTED_ANY, [systemEvent('$settings')]);
  let server: Server | undefined;
  let port = 0;

  const start = async (): Promise<void> => {
    if (server) return;
    const next = new Server();
    next.addService(ServerFeaturesService, {
      getSupportedMethods: (_call: ServerUnaryCall<Empty, SupportedMethods>, callback: sendUnaryData<SupportedMethods>) =>
        callback(null, supportedMethods()),
    });
    next.addService(StreamsService, streamsService(log, subscriptions, faults));
    port = await bind(next, `127.0.0.1:${port}`);
    server = next;
  };
  await start();

  return {
    connectionString: `esdb://127.0.0.1:${port}?tls=false`,
    dropSubscriptions: () => {
      const live = [...subscriptions];
      live.forEach((subscription) => subscription.drop());
      return live.length;
    },
    writeSystemEvent: (streamId = `$stats-127.0.0.1:${port}`, type = '$statsCollected') =>
      void log.append(streamId, EXPECTED_ANY, [systemEvent(type)]),
    records: () => log.records(),
    tamper: (eventId, change) => log.tamper(eventId, change),
    loseNextAcknowledgement: () => void (faults.lostAcknowledgements += 1),
    stop: async () => {
      [...subscriptions].forEach((subscription) => subscription.cancel());
      server?.forceShutdown();
      server = undefined;
    },
    start,
  };
}

function systemEvent(type: string): ProposedEvent {
  return { eventId: randomUUID(), type, contentType: 'application/json', data: Buffer.from('{}'), metadata: new Uint8Array() };
}
