import type { EventEnvelope, SqliteDatabase } from '@border-ledger/event-store';
import {
  AGREEMENT_EVENT_TYPES,
  agreementInForce,
  evolveAgreement,
  initialAgreementState,
  type AgreementEvent,
  type AgreementState,
} from '@border-ledger/exchange-domain';

const TYPES: readonly string[] = AGREEMENT_EVENT_TYPES;

/** An agreement as the exchange holds it: its state and the revision of its stream (`If-Match`). */
export interface AgreementRow {
  readonly agreementId: string;
  readonly state: AgreementState;
  readonly revision: number;
}

/**
 * The node's sharing agreements, folded from their events into the exchange database. Outgoing
 * feeds and incoming checks read it; it is rebuilt from the log with the rest of the exchange.
 */
export class AgreementsStore {
  constructor(private readonly db: SqliteDatabase) {
    db.exec('CREATE TABLE IF NOT EXISTS xb_agreements (agreement_id TEXT PRIMARY KEY, state TEXT NOT NULL, revision INTEGER NOT NULL)');
  }

  static handles(type: string): boolean {
    return TYPES.includes(type);
  }

  apply(event: EventEnvelope): void {
    const agreementId = String((event.data as { agreementId?: unknown }).agreementId);
    const before = this.get(agreementId)?.state ?? initialAgreementState;
    const after = evolveAgreement(before, event as unknown as AgreementEvent);
    this.db
      .prepare(`INSERT INTO xb_agreements (agreement_id, state, revision) VALUES (?, ?, ?)
        ON CONFLICT (agreement_id) DO UPDATE SET state = excluded.state, revision = excluded.revision`)
      .run(agreementId, JSON.stringify(after), event.revision);
  }

  get(agreementId: string): AgreementRow | undefined {
    const row = this.db.prepare<[string], { state: string; revision: number }>('SELECT state, revision FROM xb_agreements WHERE agreement_id = ?').get(agreementId);
    return row ? { agreementId, state: JSON.parse(row.state) as AgreementState, revision: row.revision } : undefined;
  }

  all(): AgreementRow[] {
    return this.db
      .prepare<[], { agreement_id: string; state: string; revision: number }>('SELECT * FROM xb_agreements ORDER BY agreement_id')
      .all()
      .map((row) => ({ agreementId: row.agreement_id, state: JSON.parse(row.state) as AgreementState, revision: row.revision }));
  }

  /** Agreements this agency is a party of and that are in force at `at`, with the other party. */
  inForceFor(agency: string, at: string): { row: AgreementRow; partner: { agency: string; country: string } }[] {
    return this.all().flatMap((row) => {
      const version = agreementInForce(row.state, at);
      if (!version) return [];
      const [a, b] = version.terms.parties;
      if (a.agency !== agency && b.agency !== agency) return [];
      return [{ row, partner: a.agency === agency ? b : a }];
    });
  }

  /** Every agreement ever recorded with this agency as a party, whatever its status (feeds keep flowing to the end). */
  partiesOf(agency: string): { agreementId: string; partner: { agency: string; country: string } }[] {
    return this.all().flatMap((row) => {
      if (row.state.status === 'none') return [];
      const [a, b] = row.state.versions[row.state.versions.length - 1].terms.parties;
      if (a.agency !== agency && b.agency !== agency) return [];
      return [{ agreementId: row.agreementId, partner: a.agency === agency ? b : a }];
    });
  }
}
