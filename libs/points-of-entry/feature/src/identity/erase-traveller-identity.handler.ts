import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { TRAVELLER_KEY_VAULT, type TravellerKeyVault } from '@border-ledger/identity';
import {
  decideTraveller,
  evolveTraveller,
  initialTravellerState,
  travellerStream,
  type EraseTravellerIdentity,
  type TravellerEvent,
} from '@border-ledger/points-of-entry-domain';
import { StreamCommandRunner } from '../shared/stream-command-runner';

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
    private readonly runner: StreamCommandRunner,
    @Inject(TRAVELLER_KEY_VAULT) private readonly vault: TravellerKeyVault,
  ) {}

  execute(message: EraseTravellerIdentityMessage): Promise<ErasureReply> {
    const { command } = message;
    return this.runner.run(command.kind, async () => {
      const activeKeyIds = await this.vault.activeKeyIds(command.travellerRef);
      const outcome = await this.runner.append<ReturnType<typeof evolveTraveller>, TravellerEvent>(
        message,
        {
          streamId: travellerStream(command.travellerRef),
          initialState: initialTravellerState,
          evolve: evolveTraveller,
          decide: (state) => decideTraveller(command, state, { activeKeyIds }),
          occurredAt: this.runner.now().toISOString(),
        },
        // Every try, a replay too, destroys the keys its event names.
        { beforeCounting: ({ events }) => this.vault.destroy(command.travellerRef, keyIdsOf(events)) },
      );
      const keyIds = keyIdsOf(outcome.events);
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

function keyIdsOf(events: readonly TravellerEvent[]): string[] {
  return events.flatMap((event) => event.data.keyIds);
}
