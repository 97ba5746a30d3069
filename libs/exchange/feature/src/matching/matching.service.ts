import type { SqliteDatabase } from '@border-ledger/event-store';
import {
  alertsOf,
  foldMatching,
  matchAlertId,
  matchExpectations,
  newMatchingState,
  type MatchAlert,
  type OwnedMatchingState,
  type SharedRecord,
} from '@border-ledger/exchange-domain';
import type { SharedRecordsStore } from '../shared-records/shared-records.store';

/** An exit-to-entry alert as coordinators see it. */
export interface MatchAlertView extends MatchAlert {
  readonly agreementId: string;
  readonly raisedAt: string;
  /** When the expected entry finally appeared, if it did. */
  readonly resolvedAt: string | null;
  readonly entryCrossingRef: string | null;
}

/**
 * Exit-to-entry matching over both sides of every agreement. The state is folded in memory from
 * the shared-records read model (rebuilt at start, so nothing is lost across restarts); alerts are
 * kept in the exchange database, raised once per exit (deterministic id) and marked resolved when
 * the entry turns up late.
 */
export class MatchingService {
  private readonly states = new Map<string, OwnedMatchingState>();

  constructor(
    private readonly db: SqliteDatabase,
    records: SharedRecordsStore,
    private readonly waitMs: number,
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS xb_match_alerts (alert_id TEXT NOT NULL, agreement_id TEXT NOT NULL, alert TEXT NOT NULL,
      raised_at TEXT NOT NULL, resolved_at TEXT, entry_ref TEXT, PRIMARY KEY (agreement_id, alert_id))`);
    for (const view of records.all()) this.observe(view.record);
  }

  observe(record: SharedRecord): void {
    const { leafIndex: _index, ...draft } = record;
    let state = this.states.get(record.agreementId);
    if (!state) this.states.set(record.agreementId, (state = newMatchingState()));
    foldMatching(state, draft);
  }

  /** Raises the alerts due at `now` and resolves those whose entry arrived; returns the newly raised. */
  check(now: Date): MatchAlertView[] {
    const raised: MatchAlertView[] = [];
    const insert = this.db.prepare(
      'INSERT INTO xb_match_alerts (agreement_id, alert_id, alert, raised_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
    );
    const resolve = this.db.prepare(
      'UPDATE xb_match_alerts SET resolved_at = ?, entry_ref = ? WHERE agreement_id = ? AND alert_id = ? AND resolved_at IS NULL',
    );
    this.db.transaction(() => {
      for (const [agreementId, state] of this.states) {
        // One pass over the expectations gives both the alerts due and those resolved late.
        const expectations = matchExpectations(state, now, this.waitMs);
        for (const alert of alertsOf(expectations)) {
          if (insert.run(agreementId, alert.alertId, JSON.stringify(alert), now.toISOString()).changes === 1) {
            raised.push({ ...alert, agreementId, raisedAt: now.toISOString(), resolvedAt: null, entryCrossingRef: null });
          }
        }
        for (const expectation of expectations) {
          if (expectation.status === 'resolved' && expectation.entryCrossingRef) {
            resolve.run(now.toISOString(), expectation.entryCrossingRef, agreementId, matchAlertId(expectation.exitCrossingRef));
          }
        }
      }
    })();
    return raised;
  }

  alerts(filter: { readonly open?: boolean } = {}): MatchAlertView[] {
    return this.db
      .prepare<{ open: number }, { agreement_id: string; alert: string; raised_at: string; resolved_at: string | null; entry_ref: string | null }>(
        'SELECT * FROM xb_match_alerts WHERE (@open = 0 OR resolved_at IS NULL) ORDER BY raised_at, alert_id',
      )
      .all({ open: filter.open ? 1 : 0 })
      .map((row) => ({ ...(JSON.parse(row.alert) as MatchAlert), agreementId: row.agreement_id, raisedAt: row.raised_at, resolvedAt: row.resolved_at, entryCrossingRef: row.entry_ref }));
  }
}
