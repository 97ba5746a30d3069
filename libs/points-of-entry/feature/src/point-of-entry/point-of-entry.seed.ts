import { Inject, Module, type INestApplicationContext, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { NODE_IDENTITY, type NodeIdentity } from '@border-ledger/event-store';
import { referenceRegistrations, RuleViolation } from '@border-ledger/points-of-entry-domain';
import { PointOfEntryCommandMessage, type PointOfEntryReply } from './point-of-entry.command-handler';
import { PointOfEntryModule } from './point-of-entry.module';

export interface ReferenceSeedResult {
  /** Codes registered by this call. */
  readonly registered: string[];
  /** Codes that were already registered (by an earlier seed or over HTTP). */
  readonly alreadyRegistered: string[];
}

/**
 * Registers the node country's points of entry from the seed catalogue (`POINTS_OF_ENTRY`), with
 * their pairs across the border recorded by code. Idempotent: run it at every start.
 */
export async function seedReferencePointsOfEntry(commands: CommandBus, country: string): Promise<ReferenceSeedResult> {
  const result: ReferenceSeedResult = { registered: [], alreadyRegistered: [] };
  for (const command of referenceRegistrations(country)) {
    const { code } = command.pointOfEntry;
    try {
      const reply = await commands.execute<PointOfEntryCommandMessage, PointOfEntryReply>(
        new PointOfEntryCommandMessage(command, `seed-point-of-entry:${code}`, `seed-points-of-entry-${country}`),
      );
      (reply.replayed ? result.alreadyRegistered : result.registered).push(code);
    } catch (error) {
      // Registered over HTTP before the seed ran: that registration stands.
      if (!(error instanceof RuleViolation && error.rule === 'point-of-entry-already-registered')) throw error;
      result.alreadyRegistered.push(code);
    }
  }
  return result;
}

/**
 * Test helper: registers the reference points of entry of `country` (default: the node's) in an
 * application built with the points-of-entry modules, e.g. right after `startTestApp`.
 */
export function registerReferencePointsOfEntry(app: INestApplicationContext, country?: string): Promise<ReferenceSeedResult> {
  return seedReferencePointsOfEntry(app.get(CommandBus), country ?? app.get<NodeIdentity>(NODE_IDENTITY).country);
}

class ReferenceSeeder implements OnApplicationBootstrap {
  constructor(
    private readonly commands: CommandBus,
    @Inject(NODE_IDENTITY) private readonly node: NodeIdentity,
  ) {}

  /** Runs before the HTTP server listens: no request can reach a node whose posts are not registered yet. */
  async onApplicationBootstrap(): Promise<void> {
    await seedReferencePointsOfEntry(this.commands, this.node.country);
  }
}

/** Import in a composition root to register the node country's reference points of entry at start-up. */
@Module({ imports: [CqrsModule, PointOfEntryModule], providers: [ReferenceSeeder] })
export class SeedReferencePointsOfEntryModule {}
