import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@border-ledger/event-store';
import {
  policiesFromEvents,
  screeningPolicyStream,
  type ScreeningPolicy,
  type ScreeningPolicyEvent,
} from '@border-ledger/points-of-entry-domain';

/** A country's published screening policies and the revision of their stream. */
export interface PublishedPolicies {
  readonly policies: ScreeningPolicy[];
  /** Revision of `screening-policy-<country>`; -1 when none is published. */
  readonly revision: number;
  readonly events: ScreeningPolicyEvent[];
}

/** Reads the screening policies of a country from its stream: the event log is the only source. */
@Injectable()
export class ScreeningPolicyReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async published(country: string): Promise<PublishedPolicies> {
    const stored = await this.store.readStream(screeningPolicyStream(country));
    const events = stored.map((e) => ({ type: e.type, data: e.data }) as ScreeningPolicyEvent);
    return { policies: policiesFromEvents(events), revision: stored.length > 0 ? stored[stored.length - 1].revision : -1, events };
  }
}
