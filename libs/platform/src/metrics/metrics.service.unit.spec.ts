import { register as globalRegistry } from 'prom-client';
import type { HttpRequestLike } from '../http/http-types';
import { routePattern, UNMATCHED_ROUTE } from './http-metrics.middleware';
import { MetricsService } from './metrics.service';

describe('MetricsService', () => {
  it('keeps two instances (two apps in one process) apart and off the global registry', async () => {
    const a = new MetricsService({ serviceName: 'a' });
    const b = new MetricsService({ serviceName: 'b' });
    a.recordCommand('RegisterCrossing', 'accepted');
    a.recordCommand('RegisterCrossing', 'accepted');
    b.recordCommand('RegisterCrossing', 'conflict');

    const textA = await a.metrics();
    expect(textA).toContain('border_ledger_commands_total{command="RegisterCrossing",outcome="accepted",service="a"} 2');
    expect(textA).not.toContain('outcome="conflict"');
    expect(await b.metrics()).toContain('outcome="conflict",service="b"} 1');
    expect(await globalRegistry.getSingleMetric('border_ledger_commands_total')).toBeUndefined();
  });

  it('exposes every instrument and the default Node metrics in the Prometheus text format', async () => {
    const metrics = new MetricsService();
    metrics.recordEventsAppended('CrossingRegistered', 3);
    metrics.setRelayLag('outbox', 7);
    metrics.recordRelayPublished('outbox', 2);
    metrics.setConsumerLag('projector', 'crossings', 0, 11);
    metrics.recordConsumerProcessed('projector', 'dead-lettered');
    metrics.observeHttpRequest('GET', '/crossings/:id', 200, 0.02);

    const text = await metrics.metrics();
    expect(metrics.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(text).toContain('border_ledger_events_appended_total{type="CrossingRegistered"} 3');
    expect(text).toContain('border_ledger_relay_lag_events{relay="outbox"} 7');
    expect(text).toContain('border_ledger_relay_published_total{relay="outbox"} 2');
    expect(text).toContain('border_ledger_consumer_lag_messages{group="projector",topic="crossings",partition="0"} 11');
    expect(text).toContain('border_ledger_consumer_processed_total{group="projector",outcome="dead-lettered"} 1');
    expect(text).toContain('border_ledger_http_requests_total{method="GET",route="/crossings/:id",status="200"} 1');
    expect(text).toContain('border_ledger_http_request_duration_seconds_bucket{le="0.025",method="GET",route="/crossings/:id"} 1');
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('nodejs_heap_size_total_bytes');
  });
});

describe('work items gauge', () => {
  it('reads the queues at each scrape, so a retried or finished item is not counted as parked any more', async () => {
    const metrics = new MetricsService();
    let parked = 2;
    metrics.setWorkItemsSource(() => [
      { queue: 'quarantine-admissions', counts: { pending: 1, parked } },
      { queue: 'referrals', counts: { pending: 0, parked: 0 } },
    ]);
    const first = await metrics.metrics();
    expect(first).toContain('border_ledger_work_items{queue="quarantine-admissions",state="parked"} 2');
    expect(first).toContain('border_ledger_work_items{queue="referrals",state="parked"} 0');
    parked = 0;
    expect(await metrics.metrics()).toContain('border_ledger_work_items{queue="quarantine-admissions",state="parked"} 0');
  });
});

describe('routePattern', () => {
  it('uses the matched route pattern, never the URL', () => {
    const req: HttpRequestLike = { method: 'GET', headers: {}, baseUrl: '', route: { path: '/crossings/:id' } };
    expect(routePattern(req)).toBe('/crossings/:id');
    expect(routePattern({ method: 'GET', headers: {} })).toBe(UNMATCHED_ROUTE);
  });
});
