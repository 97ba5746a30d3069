import { HealthRegistry } from './health.registry';

describe('HealthRegistry', () => {
  it('is ok with no checks and with passing checks', async () => {
    const registry = new HealthRegistry();
    expect(await registry.readiness()).toEqual({ status: 'ok', checks: {} });
    registry.register('db', async () => undefined);
    expect(await registry.readiness()).toEqual({ status: 'ok', checks: { db: { status: 'up' } } });
  });

  it('reports a failing check (async or sync throw) as down with its message', async () => {
    const registry = new HealthRegistry();
    registry.register('db', async () => undefined);
    registry.register('kafka', async () => {
      throw new Error('broker unreachable');
    });
    registry.register('sync', (() => {
      throw new Error('sync failure');
    }) as () => Promise<void>);
    expect(await registry.readiness()).toEqual({
      status: 'unavailable',
      checks: {
        db: { status: 'up' },
        kafka: { status: 'down', error: 'broker unreachable' },
        sync: { status: 'down', error: 'sync failure' },
      },
    });
  });

  it('times hung checks out using the configured default or a per-check timeout', async () => {
    const registry = new HealthRegistry({ serviceName: 's', readinessTimeoutMs: 50 });
    const never = () => new Promise<void>(() => undefined);
    registry.register('hung', never);
    registry.register('slow-but-allowed', () => new Promise<void>((resolve) => setTimeout(resolve, 80)), { timeoutMs: 500 });
    const started = Date.now();
    const report = await registry.readiness();
    expect(Date.now() - started).toBeLessThan(400);
    expect(report).toEqual({
      status: 'unavailable',
      checks: { hung: { status: 'down', error: 'timed out after 50 ms' }, 'slow-but-allowed': { status: 'up' } },
    });
  });

  it('rejects duplicate names and supports unregistering', async () => {
    const registry = new HealthRegistry();
    registry.register('db', async () => undefined);
    expect(() => registry.register('db', async () => undefined)).toThrow(/already registered/);
    expect(registry.unregister('db')).toBe(true);
    expect(registry.names()).toEqual([]);
  });

  it('reports unavailable without probing once shutting down, after waiting the drain delay', async () => {
    const registry = new HealthRegistry({ serviceName: 's', shutdownDrainMs: 60 });
    const check = jest.fn(async () => undefined);
    registry.register('db', check);
    const started = Date.now();
    await registry.beforeApplicationShutdown();
    expect(Date.now() - started).toBeGreaterThanOrEqual(50);
    expect(registry.isShuttingDown).toBe(true);
    expect(await registry.readiness()).toEqual({
      status: 'unavailable',
      checks: { shutdown: { status: 'down', error: 'application is shutting down' } },
    });
    expect(check).not.toHaveBeenCalled();
  });
});
