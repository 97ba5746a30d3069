import type { EventEnvelope, SqliteDatabase, SqliteProjection } from '@border-ledger/event-store';
import {
  crossingDay,
  SCREENING_OUTCOME_DECIDED,
  SCREENING_STARTED,
  SCREENING_TEST_RECORDED,
  type OutcomeDecidedData,
  type ScreeningStartedData,
  type TestRecordedData,
} from '@border-ledger/points-of-entry-domain';

/** Screening outcomes of one point of entry, day, pathway and category. */
export interface OutcomeCountRow {
  readonly pointOfEntry: string;
  readonly day: string;
  readonly pathway: string;
  readonly outcome: string;
  readonly screenings: number;
  readonly quarantineDays: number;
}

/** Tests of one point of entry, day and test type. */
export interface PositivityRow {
  readonly pointOfEntry: string;
  readonly day: string;
  readonly testType: string;
  readonly tests: number;
  readonly positives: number;
  readonly negatives: number;
  readonly invalid: number;
  /** positives / (positives + negatives), 4 decimals; null without a valid result. */
  readonly positivity: number | null;
}

export interface ScreeningStatsFilter {
  readonly pointOfEntry?: string;
  /** Inclusive first and last day (YYYY-MM-DD) of the crossing. */
  readonly from?: string;
  readonly to?: string;
}

/** The tables this projection owns; `reset` drops them all. */
export const SCREENING_READ_MODEL_TABLES = ['screening_cases', 'screening_outcome_counts', 'screening_test_counts'] as const;

/**
 * Screening outcomes per point of entry per day (by pathway and category) and test positivity
 * (by test type). Days are the crossing's local day; tests count on the day of their crossing.
 */
export class ScreeningOutcomesProjection implements SqliteProjection {
  readonly name = 'screening-outcomes';
  readonly version = 1;

  migrate(db: SqliteDatabase): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS screening_cases (
        crossing_id TEXT PRIMARY KEY, point_of_entry TEXT NOT NULL, day TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS screening_outcome_counts (
        point_of_entry TEXT NOT NULL, day TEXT NOT NULL, pathway TEXT NOT NULL, outcome TEXT NOT NULL,
        screenings INTEGER NOT NULL, quarantine_days INTEGER NOT NULL,
        PRIMARY KEY (point_of_entry, day, pathway, outcome));
      CREATE TABLE IF NOT EXISTS screening_test_counts (
        point_of_entry TEXT NOT NULL, day TEXT NOT NULL, test_type TEXT NOT NULL,
        tests INTEGER NOT NULL, positives INTEGER NOT NULL, negatives INTEGER NOT NULL, invalid INTEGER NOT NULL,
        PRIMARY KEY (point_of_entry, day, test_type));
    `);
  }

  reset(db: SqliteDatabase): void {
    for (const table of SCREENING_READ_MODEL_TABLES) db.exec(`DROP TABLE IF EXISTS ${table}`);
  }

  apply(event: EventEnvelope, db: SqliteDatabase): void {
    if (event.type === SCREENING_STARTED) {
      const data = event.data as ScreeningStartedData;
      db.prepare('INSERT OR IGNORE INTO screening_cases (crossing_id, point_of_entry, day) VALUES (?, ?, ?)').run(
        data.crossingId,
        data.pointOfEntry,
        crossingDay(data),
      );
      return;
    }
    if (event.type !== SCREENING_TEST_RECORDED && event.type !== SCREENING_OUTCOME_DECIDED) return;
    const data = event.data as TestRecordedData | OutcomeDecidedData;
    const found = db
      .prepare<[string], { point_of_entry: string; day: string }>('SELECT point_of_entry, day FROM screening_cases WHERE crossing_id = ?')
      .get(data.crossingId);
    if (!found) return;
    if (event.type === SCREENING_TEST_RECORDED) {
      const { testType, result } = data as TestRecordedData;
      db.prepare(
        `INSERT INTO screening_test_counts (point_of_entry, day, test_type, tests, positives, negatives, invalid)
         VALUES (?, ?, ?, 1, ?, ?, ?) ON CONFLICT DO UPDATE SET tests = tests + 1,
           positives = positives + excluded.positives, negatives = negatives + excluded.negatives, invalid = invalid + excluded.invalid`,
      ).run(found.point_of_entry, found.day, testType, Number(result === 'positive'), Number(result === 'negative'), Number(result === 'invalid'));
    } else {
      const { pathway, outcome } = data as OutcomeDecidedData;
      db.prepare(
        `INSERT INTO screening_outcome_counts (point_of_entry, day, pathway, outcome, screenings, quarantine_days)
         VALUES (?, ?, ?, ?, 1, ?) ON CONFLICT DO UPDATE SET screenings = screenings + 1,
           quarantine_days = quarantine_days + excluded.quarantine_days`,
      ).run(found.point_of_entry, found.day, pathway, outcome.category, outcome.category === 'quarantine' ? outcome.days : 0);
    }
  }
}

const WHERE =
  `WHERE (@poe IS NULL OR point_of_entry = @poe) AND (@from IS NULL OR day >= @from) AND (@to IS NULL OR day <= @to)`;
const params = (filter: ScreeningStatsFilter) => ({ poe: filter.pointOfEntry ?? null, from: filter.from ?? null, to: filter.to ?? null });

/** Reads of the screening read model. */
export function outcomeCounts(db: SqliteDatabase, filter: ScreeningStatsFilter): OutcomeCountRow[] {
  return db
    .prepare(
      `SELECT point_of_entry AS pointOfEntry, day, pathway, outcome, screenings, quarantine_days AS quarantineDays
       FROM screening_outcome_counts ${WHERE} ORDER BY day, point_of_entry, pathway, outcome`,
    )
    .all(params(filter)) as OutcomeCountRow[];
}

export function positivity(db: SqliteDatabase, filter: ScreeningStatsFilter): PositivityRow[] {
  const rows = db
    .prepare(
      `SELECT point_of_entry AS pointOfEntry, day, test_type AS testType, tests, positives, negatives, invalid
       FROM screening_test_counts ${WHERE} ORDER BY day, point_of_entry, test_type`,
    )
    .all(params(filter)) as Omit<PositivityRow, 'positivity'>[];
  return rows.map((row) => {
    const valid = row.positives + row.negatives;
    return { ...row, positivity: valid > 0 ? Math.round((row.positives / valid) * 10_000) / 10_000 : null };
  });
}
