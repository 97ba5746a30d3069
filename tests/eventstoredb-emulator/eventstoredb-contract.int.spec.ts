import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describeEventStoreContract, type ContractSubject } from '@border-ledger/event-store/testing';
import { EventStoreDbEventStore } from '@border-ledger/event-store/eventstoredb';
import { startEmulator, type EventStoreDbEmulator } from '.';

const repoRoot = resolve(__dirname, '../..');
const emulators: EventStoreDbEmulator[] = [];
let crashEmulator: EventStoreDbEmulator;

async function freshEmulator(): Promise<EventStoreDbEmulator> {
  const emulator = await startEmulator();
  emulators.push(emulator);
  return emulator;
}

beforeAll(async () => {
  crashEmulator = await freshEmulator();
});
afterAll(async () => {
  await Promise.all(emulators.map((emulator) => emulator.stop()));
});

/** The shared crash writer, appending to EventStoreDB through the adapter from its own process. */
function spawnCrashWriter(connectionString: string): ChildProcess {
  return spawn(
    process.execPath,
    ['-r', join(repoRoot, 'infra/scripts/register.js'), join(repoRoot, 'libs/event-store/src/testing/crash-writer.ts')],
    { env: { ...process.env, CRASH_STORE: `esdb:${connectionString}` }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
}

function subjectOn(connectionString: () => Promise<string>, crashConnectionString: () => string): ContractSubject {
  return {
    positions: 'monotonic',
    open: async () => new EventStoreDbEventStore({ connectionString: await connectionString() }),
    crash: {
      spawnWriter: () => spawnCrashWriter(crashConnectionString()),
      reopen: async () => new EventStoreDbEventStore({ connectionString: crashConnectionString() }),
    },
  };
}

// Every store opened gets an emulator of its own, so each starts empty.
describeEventStoreContract(
  'eventstoredb (emulator)',
  subjectOn(
    async () => (await freshEmulator()).connectionString,
    () => crashEmulator.connectionString,
  ),
);

// The same suite against a real node, when one is configured (it must hold nothing but this
// system's events: the suite verifies the whole log).
const server = process.env['EVENTSTORE_CONNECTION_STRING'];
if (server) {
  describeEventStoreContract(
    'eventstoredb (server)',
    subjectOn(
      async () => server,
      () => server,
    ),
  );
}
