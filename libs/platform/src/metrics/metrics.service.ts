import { Inject, Injectable, Optional } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { PLATFORM_OPTIONS, type PlatformModuleOptions } from '../platform.options';

/** Prefix of every metric the platform defines. */
export const METRIC_PREFIX = 'border_ledger_';

/** Outcome label of `border_ledger_commands_total`. */
export type CommandOutcome = 'accepted' | 'rejected' | 'conflict' | 'error';

/** Outcome label of `border_ledger_consumer_processed_total`. */
export type ConsumerOutcome = 'applied' | 'duplicate' | 'dead-lettered' | 'failed';

const HTTP_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Owns a private prom-client `Registry` (never the global one, so several apps can live in one
 * process) holding the default Node metrics and the Border Ledger instruments. Instruments are
 * exposed for direct use; the helper methods keep label names and outcome values consistent.
 */
@Injectable()
export class MetricsService {
  /** The registry `GET /metrics` serves; feature modules may register their own metrics on it. */
  readonly registry = new Registry();

  readonly commandsTotal: Counter<'command' | 'outcome'>;
  readonly eventsAppendedTotal: Counter<'type'>;
  readonly relayLagEvents: Gauge<'relay'>;
  readonly relayPublishedTotal: Counter<'relay'>;
  readonly consumerLagMessages: Gauge<'group' | 'topic' | 'partition'>;
  readonly consumerProcessedTotal: Counter<'group' | 'outcome'>;
  readonly httpRequestsTotal: Counter<'method' | 'route' | 'status'>;
  readonly httpRequestDurationSeconds: Histogram<'method' | 'route'>;
  readonly workItems: Gauge<'queue' | 'state'>;
  private workItemsSource: () => ReadonlyArray<{ readonly queue: string; readonly counts: Readonly<Record<string, number>> }> = () => [];

  constructor(@Optional() @Inject(PLATFORM_OPTIONS) options?: PlatformModuleOptions) {
    if (options?.serviceName) this.registry.setDefaultLabels({ service: options.serviceName });
    collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];

    this.commandsTotal = new Counter({
      name: `${METRIC_PREFIX}commands_total`,
      help: 'Commands handled, by command and outcome (accepted|rejected|conflict|error).',
      labelNames: ['command', 'outcome'],
      registers,
    });
    this.eventsAppendedTotal = new Counter({
      name: `${METRIC_PREFIX}events_appended_total`,
      help: 'Events appended to the event store, by event type.',
      labelNames: ['type'],
      registers,
    });
    this.relayLagEvents = new Gauge({
      name: `${METRIC_PREFIX}relay_lag_events`,
      help: 'Events stored but not yet published by the outbox relay.',
      labelNames: ['relay'],
      registers,
    });
    this.relayPublishedTotal = new Counter({
      name: `${METRIC_PREFIX}relay_published_total`,
      help: 'Events published by the outbox relay.',
      labelNames: ['relay'],
      registers,
    });
    this.consumerLagMessages = new Gauge({
      name: `${METRIC_PREFIX}consumer_lag_messages`,
      help: 'Messages between the committed offset and the end of the partition.',
      labelNames: ['group', 'topic', 'partition'],
      registers,
    });
    this.consumerProcessedTotal = new Counter({
      name: `${METRIC_PREFIX}consumer_processed_total`,
      help: 'Messages processed by consumers, by outcome (applied|duplicate|dead-lettered|failed).',
      labelNames: ['group', 'outcome'],
      registers,
    });
    this.httpRequestsTotal = new Counter({
      name: `${METRIC_PREFIX}http_requests_total`,
      help: 'HTTP requests served, by method, route pattern and status code.',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.httpRequestDurationSeconds = new Histogram({
      name: `${METRIC_PREFIX}http_request_duration_seconds`,
      help: 'HTTP request duration in seconds, by method and route pattern.',
      labelNames: ['method', 'route'],
      buckets: HTTP_DURATION_BUCKETS,
      registers,
    });
    this.workItems = new Gauge({
      name: `${METRIC_PREFIX}work_items`,
      help: 'Process-manager work items by queue and state (pending|done|cancelled|parked); parked ones wait for an operator.',
      labelNames: ['queue', 'state'],
      registers,
      // Read at each scrape: the queues live in SQLite, and a count kept in memory would drift.
      collect: () => {
        this.workItems.reset();
        for (const { queue, counts } of this.workItemsSource()) {
          for (const [state, count] of Object.entries(counts)) this.workItems.set({ queue, state }, count);
        }
      },
    });
  }

  /** Where `border_ledger_work_items` reads the queues' counts at each scrape. */
  setWorkItemsSource(source: () => ReadonlyArray<{ readonly queue: string; readonly counts: Readonly<Record<string, number>> }>): void {
    this.workItemsSource = source;
  }

  /** Counts one handled command. */
  recordCommand(command: string, outcome: CommandOutcome): void {
    this.commandsTotal.inc({ command, outcome });
  }

  /** Counts `count` appended events of `type`. */
  recordEventsAppended(type: string, count = 1): void {
    this.eventsAppendedTotal.inc({ type }, count);
  }

  /** Sets how many events `relay` still has to publish. */
  setRelayLag(relay: string, lag: number): void {
    this.relayLagEvents.set({ relay }, lag);
  }

  /** Counts `count` events published by `relay`. */
  recordRelayPublished(relay: string, count = 1): void {
    this.relayPublishedTotal.inc({ relay }, count);
  }

  /** Sets the lag of one consumer group on one partition. */
  setConsumerLag(group: string, topic: string, partition: number | string, lag: number): void {
    this.consumerLagMessages.set({ group, topic, partition: String(partition) }, lag);
  }

  /** Counts one message processed by consumer `group`. */
  recordConsumerProcessed(group: string, outcome: ConsumerOutcome): void {
    this.consumerProcessedTotal.inc({ group, outcome });
  }

  /** Records one served HTTP request; `route` must be a route pattern, never a raw URL. */
  observeHttpRequest(method: string, route: string, status: number, durationSeconds: number): void {
    this.httpRequestsTotal.inc({ method, route, status: String(status) });
    this.httpRequestDurationSeconds.observe({ method, route }, durationSeconds);
  }

  /** Content type of {@link MetricsService.metrics} (Prometheus text exposition format). */
  get contentType(): string {
    return this.registry.contentType;
  }

  /** All metrics of the registry in the Prometheus text format. */
  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}
