import type { CommandBus } from '@nestjs/cqrs';
import { deterministicEventId } from '@border-ledger/event-store';
import {
  AGE_BANDS,
  findPointOfEntry,
  type Channel,
  type CrossingDraft,
  type Purpose,
  type Sex,
} from '@border-ledger/points-of-entry-domain';
import { CrossingCommandMessage, type CrossingReply } from '../crossing/crossing.command-handlers';
import type { TravellerIdentityInput } from '../identity/traveller-identity.service';
import { seedReferencePointsOfEntry } from '../point-of-entry/point-of-entry.seed';

const PATTERN: ReadonlyArray<{ channel: Channel; purpose: Purpose; nationality: string }> = [
  { channel: 'border-pass', purpose: 'trade', nationality: 'KH' },
  { channel: 'mou-work-permit', purpose: 'work', nationality: 'KH' },
  { channel: 'passport-visa', purpose: 'tourism', nationality: 'DE' },
  { channel: 'visa-exemption', purpose: 'family', nationality: 'TH' },
  { channel: 'border-pass', purpose: 'return', nationality: 'KH' },
  { channel: 'irregular', purpose: 'work', nationality: 'KH' },
];
const SEXES: readonly Sex[] = ['female', 'male', 'female', 'male', 'female'];
/** Every 8th crossing is a child travelling with the adult recorded just before (same group). */
const CHILD_EVERY = 8;

/**
 * Demo data for a newcomer: registers the node country's reference points of entry, then a
 * morning of crossings at one of them (Aranyaprathet by default), recorded through the real
 * command path: border passes with their area, visas with their type, a few children travelling
 * with a parent, and fictitious passports whose identity is sealed. Ids derive from the point of
 * entry and the index, so seeding twice records nothing twice.
 */
export async function seedDemoCrossings(
  commands: CommandBus,
  options: { pointOfEntry: string; count: number; day: string },
): Promise<CrossingReply[]> {
  const poe = findPointOfEntry(options.pointOfEntry);
  if (!poe) throw new Error(`Unknown point of entry ${options.pointOfEntry}`);
  await seedReferencePointsOfEntry(commands, poe.country);
  const replies: CrossingReply[] = [];
  let previous: CrossingDraft | null = null;
  for (let i = 0; i < options.count; i += 1) {
    const crossingId = deterministicEventId(`demo:${poe.code}:${options.day}`, i);
    const groupId = deterministicEventId(`demo-group:${poe.code}:${options.day}`, Math.floor(i / CHILD_EVERY));
    const isChild: boolean = i % CHILD_EVERY === CHILD_EVERY - 1 && previous !== null;
    const crossing: CrossingDraft =
      isChild && previous ? childOf(previous, crossingId, groupId) : adult(i, crossingId, poe.code, groupId);
    const traveller: TravellerIdentityInput | undefined =
      crossing.channel === 'passport-visa' && !isChild
        ? { documentType: 'passport', documentNumber: `DEMO${String(i).padStart(6, '0')}`, name: `Demo Traveller ${i}` }
        : undefined;
    const minutes = 6 * 60 + i * 7;
    const time = `${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    const occurredAt = `${options.day}T${time}:00.000+07:00`;
    replies.push(
      await commands.execute<CrossingCommandMessage, CrossingReply>(
        new CrossingCommandMessage(
          { kind: 'RecordCrossing', crossing, occurredAt },
          `record-crossing:${crossing.crossingId}`,
          `demo-seed-${options.day}`,
          undefined,
          traveller,
        ),
      ),
    );
    previous = crossing;
  }
  return replies;
}

function adult(i: number, crossingId: string, pointOfEntry: string, groupId: string): CrossingDraft {
  const pattern = PATTERN[i % PATTERN.length];
  return {
    crossingId,
    pointOfEntry,
    direction: i % 3 === 0 ? 'entry' : 'exit',
    channel: pattern.channel,
    purpose: pattern.purpose,
    nationality: pattern.nationality,
    sex: SEXES[i % SEXES.length],
    ageBand: AGE_BANDS[3 + (i % 4)],
    ...(pattern.channel === 'border-pass' ? { borderPass: { area: 'Sa Kaeo', validDays: 7 } } : {}),
    ...(pattern.channel === 'passport-visa' ? { visaType: 'tourist' as const } : {}),
    // The adult recorded just before a child travels in the child's group.
    ...(i % CHILD_EVERY === CHILD_EVERY - 2 ? { groupId } : {}),
  };
}

/** A child crossing with the guardian: same post, direction, channel and group. */
function childOf(guardian: CrossingDraft, crossingId: string, groupId: string): CrossingDraft {
  return { ...guardian, crossingId, purpose: 'family', ageBand: '5-11', groupId, guardianCrossingId: guardian.crossingId };
}
