import type { EventEnvelope, SqliteDatabase } from '@border-ledger/event-store';
import type { MinimiseContext, ReferralInContext } from '@border-ledger/exchange-domain';
import {
  CROSSING_RECORDED,
  evolveFlag,
  FLAG_EVENT_TYPES,
  initialFlagState,
  type CrossingRecordedData,
  type FlagEvent,
  type FlagState,
} from '@border-ledger/points-of-entry-domain';
import { CROSS_BORDER_SHARE_REQUESTED, REFERRAL_OPENED, type CrossBorderShareRequestedData, type ReferralOpenedData } from '@border-ledger/referrals-domain';

interface CrossingRow {
  readonly data: CrossingRecordedData;
  readonly occurredAt: string;
}

const FLAG_TYPES: readonly string[] = FLAG_EVENT_TYPES;

/**
 * The facts minimisation needs that an event does not carry (the crossing behind a void or a
 * screening outcome, the flag before its later events, the referral behind a share step), folded
 * from the node's events into the exchange database. `capture` answers them as they were BEFORE
 * the event and then folds the event in, so work scheduled now sees the right past.
 */
export class ShareContext {
  constructor(private readonly db: SqliteDatabase) {
    db.exec(`CREATE TABLE IF NOT EXISTS xb_ctx_crossings (crossing_id TEXT PRIMARY KEY, data TEXT NOT NULL, occurred_at TEXT NOT NULL)`);
    db.exec(`CREATE TABLE IF NOT EXISTS xb_ctx_flags (flag_id TEXT PRIMARY KEY, state TEXT NOT NULL)`);
    db.exec(`CREATE TABLE IF NOT EXISTS xb_ctx_referrals (referral_id TEXT PRIMARY KEY, context TEXT NOT NULL)`);
  }

  capture(event: EventEnvelope): MinimiseContext {
    const data = event.data as Record<string, unknown>;
    if (event.type === CROSSING_RECORDED) {
      const crossing = data as unknown as CrossingRecordedData;
      this.db.prepare('INSERT INTO xb_ctx_crossings (crossing_id, data, occurred_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(crossing.crossingId, JSON.stringify(crossing), event.occurredAt);
      return {};
    }
    if (FLAG_TYPES.includes(event.type)) {
      const flagId = String(data['flagId']);
      const before = this.flag(flagId);
      const after = evolveFlag(before, event as unknown as FlagEvent);
      this.db.prepare('INSERT INTO xb_ctx_flags (flag_id, state) VALUES (?, ?) ON CONFLICT (flag_id) DO UPDATE SET state = excluded.state').run(flagId, JSON.stringify(after));
      return before.status === 'none' ? {} : { flag: before.flag };
    }
    if (event.type === REFERRAL_OPENED) {
      const opened = data as unknown as ReferralOpenedData;
      const flag = this.flag(opened.flagId);
      const crossingId = flag.status !== 'none' && flag.flag.subject.kind === 'crossing' ? flag.flag.subject.id : undefined;
      const crossing = crossingId ? this.crossing(crossingId) : undefined;
      const context: ReferralInContext = {
        flagId: opened.flagId,
        service: opened.service,
        pointOfEntry: opened.pointOfEntry,
        ...(crossingId ? { crossingId } : {}),
        ...(crossing ? { ageBand: crossing.data.ageBand, nationality: crossing.data.nationality } : {}),
      };
      this.db.prepare('INSERT INTO xb_ctx_referrals (referral_id, context) VALUES (?, ?) ON CONFLICT DO NOTHING').run(opened.referralId, JSON.stringify(context));
      return {};
    }
    if (typeof data['referralId'] === 'string' && event.type.startsWith('referrals.cross-border-share-')) {
      const referralId = data['referralId'];
      const before = this.referral(referralId);
      if (before && event.type === CROSS_BORDER_SHARE_REQUESTED) {
        const toCountry = (data as unknown as CrossBorderShareRequestedData).toCountry;
        this.db.prepare('UPDATE xb_ctx_referrals SET context = ? WHERE referral_id = ?').run(JSON.stringify({ ...before, toCountry }), referralId);
        return { referral: { ...before, toCountry } };
      }
      return before ? { referral: before } : {};
    }
    const crossingId = typeof data['crossingId'] === 'string' ? data['crossingId'] : undefined;
    const crossing = crossingId ? this.crossing(crossingId) : undefined;
    return crossing ? { crossing, pointOfEntry: crossing.data.pointOfEntry } : {};
  }

  crossing(crossingId: string): CrossingRow | undefined {
    const row = this.db.prepare<[string], { data: string; occurred_at: string }>('SELECT data, occurred_at FROM xb_ctx_crossings WHERE crossing_id = ?').get(crossingId);
    return row ? { data: JSON.parse(row.data) as CrossingRecordedData, occurredAt: row.occurred_at } : undefined;
  }

  private flag(flagId: string): FlagState {
    const row = this.db.prepare<[string], { state: string }>('SELECT state FROM xb_ctx_flags WHERE flag_id = ?').get(flagId);
    return row ? (JSON.parse(row.state) as FlagState) : initialFlagState;
  }

  private referral(referralId: string): ReferralInContext | undefined {
    const row = this.db.prepare<[string], { context: string }>('SELECT context FROM xb_ctx_referrals WHERE referral_id = ?').get(referralId);
    return row ? (JSON.parse(row.context) as ReferralInContext) : undefined;
  }
}
