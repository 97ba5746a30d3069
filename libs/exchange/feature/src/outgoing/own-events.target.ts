import { SqliteInbox, SqliteWorkQueue, type EventEnvelope, type SqliteDatabase, type WorkRunner } from '@border-ledger/event-store';
import { REFERRAL_RESPONDED, shareableOf } from '@border-ledger/exchange-domain';
import type { FeedTarget } from '@border-ledger/kafka/nest';
import { AgreementsStore } from '../agreement/agreements.store';
import type { SharePayload } from './outgoing-sharer';
import type { ShareContext } from './share-context';

const CONTEXT_TYPES = new Set(['points-of-entry.crossing-recorded.v1', 'referrals.referral-opened.v1']);
/**
 * On the requesting node these record the partner's answers, applied from its feed: sharing them
 * back would only echo what the partner said.
 */
const ANSWERS_RECEIVED = new Set([
  'referrals.cross-border-share-acknowledged.v1',
  'referrals.cross-border-share-accepted.v1',
  'referrals.cross-border-share-declined.v1',
]);
// Before any real time: share work is ordered by id (the event's log position), not by due time.
const IN_LOG_ORDER = '1970-01-01T00:00:00.000Z';

/**
 * The node's own events as the exchange sees them: agreements fold into the agreements store;
 * events an agreement could share schedule `share` work in the same transaction (with the facts
 * they need, captured as they were then), so a crash between "seen" and "shared" loses nothing.
 */
export class OwnEventsTarget implements FeedTarget {
  readonly inbox: SqliteInbox;

  constructor(
    readonly db: SqliteDatabase,
    private readonly agreements: AgreementsStore,
    private readonly context: ShareContext,
    readonly queue: SqliteWorkQueue,
    private readonly runner: () => WorkRunner | undefined,
  ) {
    this.inbox = new SqliteInbox(db, 'exchange-own-events');
  }

  readonly apply = (event: EventEnvelope): void => {
    if (AgreementsStore.handles(event.type)) {
      this.agreements.apply(event);
      return;
    }
    const shareable = (shareableOf(event) !== null && !ANSWERS_RECEIVED.has(event.type)) || event.type === REFERRAL_RESPONDED;
    if (!shareable && !CONTEXT_TYPES.has(event.type)) return;
    const context = this.context.capture(event);
    if (!shareable) return;
    const { eventId, type, streamId, data, occurredAt, metadata } = event;
    const payload: SharePayload = { source: { eventId, type, streamId, data, occurredAt, metadata }, context };
    this.queue.schedule({ id: `share:${String(event.position).padStart(16, '0')}:${eventId}`, kind: 'share', payload, dueAt: IN_LOG_ORDER });
  };

  onApplied(): void {
    this.runner()?.wake();
  }
}
