import type { AllStreamRecordedEvent } from '@eventstore/db-client';
import { checkLink } from '../hash-chain/hash-chain';
import { GENESIS_HASH, type EventEnvelope, type GlobalPosition } from '../port/envelope';
import type { VerifyResult } from '../port/event-store.port';
import { fromRecorded, isSystemEvent } from './esdb-envelope';
import { anchorOf, slotOf } from './global-position';

interface Verified {
  readonly envelope: EventEnvelope;
  readonly commit: number;
}

/** Why `position` cannot follow `previous` in a chain written by one writer, or null. */
function positionProblem(position: GlobalPosition, previous: Verified | undefined): string | null {
  if (slotOf(position) === 1) {
    return anchorOf(position) === (previous?.commit ?? 0)
      ? null
      : 'batch is not anchored on the event before it (a second writer on the node?)';
  }
  return previous !== undefined && position === previous.envelope.position + 1
    ? null
    : 'position does not follow the event before it in its batch';
}

/**
 * Walks the node's log (`$all` without system events) from the start. For each event it checks
 * that the envelope decodes, that its position continues the chain (a batch's first event is
 * anchored on the commit position of the event before it, the others follow their predecessor)
 * and the hash link. A second writer shows up as a batch anchored elsewhere, or as a previous hash
 * that is not the preceding event's. An event that is not an envelope is reported at the position
 * of the last good event, the reason naming its stream and revision.
 */
export async function verifyChain(events: AsyncIterable<AllStreamRecordedEvent>): Promise<VerifyResult> {
  let previous: Verified | undefined;
  let checked = 0;
  for await (const event of events) {
    if (isSystemEvent(event)) continue;
    let envelope: EventEnvelope;
    try {
      envelope = fromRecorded(event);
    } catch (error) {
      return { ok: false, checked, position: previous?.envelope.position ?? 0, reason: (error as Error).message };
    }
    const reason = positionProblem(envelope.position, previous) ?? checkLink(envelope, previous?.envelope.hash ?? GENESIS_HASH);
    if (reason) return { ok: false, checked, position: envelope.position, reason };
    previous = { envelope, commit: Number(event.position.commit) };
    checked += 1;
  }
  return { ok: true, checked, lastHash: previous?.envelope.hash ?? GENESIS_HASH };
}
