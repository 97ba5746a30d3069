import type { CommandBus } from '@nestjs/cqrs';
import { deterministicEventId } from '@border-ledger/event-store';
import {
  AGE_BANDS,
  findPointOfEntry,
  type Channel,
  type CrossingRecordedData,
  type Purpose,
  type Sex,
} from '@border-ledger/points-of-entry-domain';
import { CrossingCommandMessage, type CrossingReply } from '../crossing/crossing.command-handlers';

const PATTERN: ReadonlyArray<{ channel: Channel; purpose: Purpose; nationality: string }> = [
  { channel: 'border-pass', purpose: 'trade', nationality: 'KH' },
  { channel: 'mou-work-permit', purpose: 'work', nationality: 'KH' },
  { channel: 'passport-visa', purpose: 'tourism', nationality: 'DE' },
  { channel: 'visa-exemption', purpose: 'family', nationality: 'TH' },
  { channel: 'border-pass', purpose: 'return', nationality: 'KH' },
  { channel: 'irregular', purpose: 'work', nationality: 'KH' },
];
const SEXES: readonly Sex[] = ['female', 'male', 'female', 'male', 'female'];

/**
 * Demo data for a newcomer: a morning of crossings at one point of entry and toward its pair
 * (Aranyaprathet–Poipet by default), recorded through the real command path. Ids derive from
 * the point of entry and the index, so seeding twice records nothing twice.
 */
export async function seedDemoCrossings(
  commands: CommandBus,
  options: { pointOfEntry: string; count: number; day: string },
): Promise<CrossingReply[]> {
  const poe = findPointOfEntry(options.pointOfEntry);
  if (!poe) throw new Error(`Unknown point of entry ${options.pointOfEntry}`);
  const replies: CrossingReply[] = [];
  for (let i = 0; i < options.count; i += 1) {
    const pattern = PATTERN[i % PATTERN.length];
    const crossing: CrossingRecordedData = {
      crossingId: deterministicEventId(`demo:${poe.code}:${options.day}`, i),
      pointOfEntry: poe.code,
      direction: i % 3 === 0 ? 'entry' : 'exit',
      channel: pattern.channel,
      purpose: pattern.purpose,
      nationality: pattern.nationality,
      sex: SEXES[i % SEXES.length],
      ageBand: AGE_BANDS[3 + (i % 4)],
    };
    const minutes = 6 * 60 + i * 7;
    const occurredAt = `${options.day}T${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00.000+07:00`;
    replies.push(
      await commands.execute<CrossingCommandMessage, CrossingReply>(
        new CrossingCommandMessage(
          { kind: 'RecordCrossing', crossing, occurredAt },
          `record-crossing:${crossing.crossingId}`,
          `demo-seed-${options.day}`,
        ),
      ),
    );
  }
  return replies;
}
