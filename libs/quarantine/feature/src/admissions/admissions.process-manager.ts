import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, NODE_IDENTITY, SqliteInbox, SqliteWorkQueue, type Clock, type EventEnvelope, type NodeIdentity, type SqliteDatabase } from '@border-ledger/event-store';
import type { FeedTarget } from '@border-ledger/kafka/nest';
import {
  findPointOfEntry,
  SCREENING_OUTCOME_DECIDED,
  SCREENING_POLICY_PUBLISHED,
  SCREENING_STARTED,
  type AgeBand,
  type OutcomeDecidedData,
  type ScreeningPolicyPublishedData,
  type ScreeningStartedData,
  type TestingRequiredFor,
} from '@border-ledger/points-of-entry-domain';
import {
  admissionTerms,
  CENTRE_CAPACITY_CHANGED,
  CENTRE_REGISTERED,
  STAY_ABSCONDED,
  STAY_RELEASED,
  STAY_TRANSFERRED,
  type AdmissionTerms,
} from '@border-ledger/quarantine-domain';

/** The database of the process manager's tables, inbox, checkpoint and work queue. */
export const ADMISSIONS_DB = Symbol('QUARANTINE_ADMISSIONS_DB');

export const ADMIT = 'admit';
export const PLACE_AWAITING = 'place-awaiting';

/** Work to admit the traveller a screening outcome sends to quarantine or isolation. */
export interface AdmitWork {
  readonly crossingId: string;
  /** The outcome event: admissions derive their command id from it. */
  readonly outcomeEventId: string;
  readonly correlationId: string;
  readonly pointOfEntry: string;
  readonly country: string;
  readonly province: string;
  readonly terms: AdmissionTerms;
  /** The crossing time: the quarantine days count from the arrival, not from when a place was found. */
  readonly countedFrom?: string;
}

/** Work to place travellers awaiting a place, after an event that may have freed or added one. */
export interface PlaceAwaitingWork {
  readonly triggerEventId: string;
  readonly correlationId: string;
}

/** Events after which a place may be free: a stay ended or moved, a centre was added or grew. */
const FREEING: ReadonlySet<string> = new Set([STAY_RELEASED, STAY_TRANSFERRED, STAY_ABSCONDED, CENTRE_REGISTERED, CENTRE_CAPACITY_CHANGED]);

/**
 * The admissions process manager's memory, fed each event once (inbox) in one SQLite transaction:
 * screenings started (point of entry, age band) and policies published (who is tested) are kept;
 * an outcome of quarantine or isolation schedules `admit:<crossingId>`, an event that may free a
 * place schedules `place-awaiting:<eventId>`. Scheduling is idempotent by id, so a redelivered or
 * replayed event schedules nothing twice; the work itself runs later ({@link AdmissionWork}).
 */
@Injectable()
export class AdmissionsProcessManager implements FeedTarget {
  readonly inbox: SqliteInbox;
  readonly queue: SqliteWorkQueue;
  /** Set by the lifecycle: wakes the work runner after each applied batch. */
  wake: () => void = () => undefined;

  constructor(
    @Inject(ADMISSIONS_DB) readonly db: SqliteDatabase,
    @Inject(NODE_IDENTITY) private readonly node: NodeIdentity,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS quarantine_pm_screenings (
      crossing_id TEXT PRIMARY KEY, point_of_entry TEXT NOT NULL, age_band TEXT NOT NULL, crossed_at TEXT NOT NULL)`);
    db.exec(`CREATE TABLE IF NOT EXISTS quarantine_pm_policies (
      policy_id TEXT NOT NULL, version INTEGER NOT NULL, testing_required_for TEXT NOT NULL, PRIMARY KEY (policy_id, version))`);
    this.inbox = new SqliteInbox(db, 'quarantine-admissions');
    this.queue = new SqliteWorkQueue(db, 'quarantine_admissions');
  }

  readonly apply = (event: EventEnvelope): void => {
    // Only this country's screenings admit to this country's centres.
    if (event.metadata.country !== this.node.country) return;
    if (event.type === SCREENING_STARTED) {
      const data = event.data as ScreeningStartedData;
      this.db
        .prepare('INSERT INTO quarantine_pm_screenings (crossing_id, point_of_entry, age_band, crossed_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING')
        .run(data.crossingId, data.pointOfEntry, data.ageBand, data.crossedAt);
    } else if (event.type === SCREENING_POLICY_PUBLISHED) {
      const policy = event.data as ScreeningPolicyPublishedData;
      this.db
        .prepare('INSERT INTO quarantine_pm_policies (policy_id, version, testing_required_for) VALUES (?, ?, ?) ON CONFLICT DO NOTHING')
        .run(policy.policyId, policy.version, policy.rules.testing.requiredFor);
    } else if (event.type === SCREENING_OUTCOME_DECIDED) {
      this.outcome(event, event.data as OutcomeDecidedData);
    } else if (FREEING.has(event.type)) {
      const work: PlaceAwaitingWork = { triggerEventId: event.eventId, correlationId: event.metadata.correlationId };
      this.queue.schedule({ id: `${PLACE_AWAITING}:${event.eventId}`, kind: PLACE_AWAITING, payload: work, dueAt: this.clock().toISOString() });
    }
  };

  onApplied(): void {
    this.wake();
  }

  private outcome(event: EventEnvelope, data: OutcomeDecidedData): void {
    const screening = this.db
      .prepare<[string], { point_of_entry: string; age_band: AgeBand; crossed_at: string }>(
        'SELECT point_of_entry, age_band, crossed_at FROM quarantine_pm_screenings WHERE crossing_id = ?',
      )
      .get(data.crossingId);
    const policy = this.db
      .prepare<[string, number], { testing_required_for: TestingRequiredFor }>(
        'SELECT testing_required_for FROM quarantine_pm_policies WHERE policy_id = ? AND version = ?',
      )
      .get(data.policy.policyId, data.policy.version);
    const terms = admissionTerms(data.outcome, screening?.age_band ?? null, policy?.testing_required_for ?? null);
    if (!terms) return;
    const pointOfEntry = screening?.point_of_entry ?? '';
    const work: AdmitWork = {
      crossingId: data.crossingId,
      outcomeEventId: event.eventId,
      correlationId: event.metadata.correlationId,
      pointOfEntry,
      country: this.node.country,
      // A point of entry outside the catalogue has no known province: placement then looks country-wide.
      province: findPointOfEntry(pointOfEntry)?.province ?? '',
      terms,
      ...(screening ? { countedFrom: screening.crossed_at } : {}),
    };
    // The id is the crossing's: a second outcome event for the same crossing schedules nothing.
    this.queue.schedule({ id: `${ADMIT}:${data.crossingId}`, kind: ADMIT, payload: work, dueAt: this.clock().toISOString() });
  }
}
