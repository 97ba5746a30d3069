import { ConfigError, readServiceConfig } from './service-config';

const base = { NODE_COUNTRY: 'th', NODE_AGENCY: 'TH-IMM', DATA_DIR: '/var/lib/bl' };

describe('readServiceConfig', () => {
  it('reads the settings and derives the store path from the data folder', () => {
    const config = readServiceConfig({ ...base, PORT: '8080', KAFKA_BROKERS: '127.0.0.1:9092, kafka-2:9092' });
    expect(config).toEqual({
      host: '127.0.0.1',
      port: 8080,
      dataDir: '/var/lib/bl',
      eventStorePath: '/var/lib/bl/events.sqlite',
      identity: { agency: 'TH-IMM', country: 'TH' },
      eventStoreDbConnectionString: undefined,
      kafkaBrokers: ['127.0.0.1:9092', 'kafka-2:9092'],
    });
  });

  it('reads an EventStoreDB connection string for the distributed composition', () => {
    const config = readServiceConfig({ ...base, EVENTSTORE_CONNECTION_STRING: 'esdb://eventstore:2113?tls=false' });
    expect(config.eventStoreDbConnectionString).toBe('esdb://eventstore:2113?tls=false');
    expect(() => readServiceConfig({ ...base, EVENTSTORE_CONNECTION_STRING: 'http://x' })).toThrow(/EVENTSTORE_CONNECTION_STRING/);
  });

  it('lets the environment win over composition defaults', () => {
    expect(readServiceConfig({ ...base, PORT: '1' }, { PORT: '3000' }).port).toBe(1);
    expect(readServiceConfig(base, { PORT: '3000' }).port).toBe(3000);
  });

  it.each([
    [{ ...base, PORT: '70000' }, /PORT/],
    [{ ...base, NODE_COUNTRY: 'Thailand' }, /NODE_COUNTRY/],
    [{ ...base, NODE_AGENCY: 'immigration' }, /NODE_AGENCY/],
    [{ ...base, KAFKA_BROKERS: 'localhost' }, /KAFKA_BROKERS/],
    [{ ...base, EVENTSTORE_CONNECTION_STRING: 'tcp://x' }, /EVENTSTORE_CONNECTION_STRING/],
  ])('refuses a bad setting with a message naming it', (env, message) => {
    expect(() => readServiceConfig(env)).toThrow(ConfigError);
    expect(() => readServiceConfig(env)).toThrow(message);
  });
});
