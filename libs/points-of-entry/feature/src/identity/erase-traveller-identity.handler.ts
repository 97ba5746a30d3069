import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  CLOCK,
  EVENT_STORE,
  executeCommand,
  NODE_IDENTITY,
  type Clock,
  type EventStore,
  type NodeIdentity,
} from '@border-ledger/event-store';
import { TRAVELLER_KEY_VAULT, type TravellerKeyVault } from '@border-ledger/identity';
import { MetricsService } from '@border-ledger/platform';
import {
  decideTraveller,
  evolveTraveller,
  initialTravellerState,
  travellerStream,
  type EraseTravellerIdentity,
  type TravellerEvent,
} from '@border-ledger/points-of-entry-domain';
import { measureCommand } from '../shared/measure-command';

export class EraseTravellerIdentityMessage {
  constructor(
    readonly command: EraseTravellerIdentity,
    readonly commandId: string,
    readonly correlationId: string,
    readonly expectedRevision?: number,
  ) {}
}

export interface ErasureReply {
  readonly travellerRef: string;
  /** Keys the audit event names as erased. */
  readonly keysErased: number;
  readonly erasures: number;
  readonly revision: number;
  readonly position: number;
  readonly replayed: boolean;
}

/**
 * Crypto-shredding. The audit event is appended first, then the keys it names are destroyed; a
 * retry (same command id) replays the event and destroys them again, so a crash between the two
 * steps is healed by retrying, and no key is ever destroyed without its audit event.
 */
@CommandHandler(EraseTravellerIdentityMessage)
export class EraseTravellerIdentityHandler implements ICommandHandler<EraseTravellerIdentityMessage, ErasureReply> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(NODE_IDENTITY) private readonly node: NodeIdentity,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(TRAVELLER_KEY_VAULT) private readonly vault: TravellerKeyVault,
    private readonly metrics: MetricsService,
  ) {}

  execute(message: EraseTravellerIdentityMessage): Promise<ErasureReply> {
    const { command } = message;
    return measureCommand(this.metrics, command.kind, async () => {
      const activeKeyIds = await this.vault.activeKeyIds(command.travellerRef);
      const outcome = await executeCommand<ReturnType<typeof evolveTraveller>, TravellerEvent>(this.store, {
        streamId: travellerStream(command.travellerRef),
        initialState: initialTravellerState,
        evolve: evolveTraveller,
        decide: (state) => decideTraveller(command, state, { activeKeyIds }),
        commandId: message.commandId,
        occurredAt: this.clock().toISOString(),
        metadata: { ...this.node, correlationId: message.correlationId, causationId: message.commandId },
        expectedRevision: message.expectedRevision,
      });
      const keyIds = outcome.events.flatMap((event) => event.data.keyIds);
      await this.vault.destroy(command.travellerRef, keyIds);
      if (!outcome.replayed) outcome.events.forEach((event) => this.metrics.recordEventsAppended(event.type));
      return {
        travellerRef: command.travellerRef,
        keysErased: keyIds.length,
        erasures: outcome.state.status === 'erased' ? outcome.state.erasures : 0,
        revision: outcome.result?.nextExpectedRevision ?? -1,
        position: outcome.result?.position ?? 0,
        replayed: outcome.replayed,
      };
    });
  }
}
