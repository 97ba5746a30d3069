import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@border-ledger/event-store';
import {
  countryOfPointOfEntry,
  groupScreenings,
  isScreeningEvent,
  SCREENING_STARTED,
  whatIf,
  type ScreeningEvent,
  type ScreeningPolicy,
  type WhatIfPeriod,
  type WhatIfReport,
} from '@border-ledger/points-of-entry-domain';

const PAGE = 1_000;

/**
 * Replays the screenings of a period, read from the event log, under a draft policy. Reads only:
 * nothing is appended and no read model is touched.
 */
@Injectable()
export class ScreeningWhatIfService {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async replay(draft: ScreeningPolicy, period: WhatIfPeriod): Promise<WhatIfReport> {
    return whatIf(groupScreenings(await this.screeningEvents(draft.country, period)), draft, period);
  }

  /**
   * The events of the screenings that crossed in the period at the wanted points of entry. A
   * screening's start comes first in its stream, so the log is read once, keeping only those.
   */
  private async screeningEvents(country: string, period: WhatIfPeriod): Promise<ScreeningEvent[]> {
    const from = Date.parse(period.from);
    const to = Date.parse(period.to);
    const wanted = period.pointsOfEntry ? new Set(period.pointsOfEntry) : null;
    const kept = new Set<string>();
    const events: ScreeningEvent[] = [];
    for (let after = 0; ; ) {
      const page = await this.store.readAll({ after, limit: PAGE });
      for (const stored of page) {
        const event = { type: stored.type, data: stored.data } as ScreeningEvent;
        if (!isScreeningEvent(event)) continue;
        if (event.type === SCREENING_STARTED) {
          const { crossingId, pointOfEntry, crossedAt } = event.data;
          const at = Date.parse(crossedAt);
          const inScope = at >= from && at < to && countryOfPointOfEntry(pointOfEntry) === country && (!wanted || wanted.has(pointOfEntry));
          if (inScope) kept.add(crossingId);
        }
        if (kept.has(event.data.crossingId)) events.push(event);
      }
      if (page.length < PAGE) return events;
      after = page[page.length - 1].position;
    }
  }
}
