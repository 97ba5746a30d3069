import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, EVENT_STORE, executeCommand, NODE_IDENTITY, type Clock, type EventStore, type NodeIdentity } from '@border-ledger/event-store';
import {
  agreementStream,
  decideAgreement,
  evolveAgreement,
  initialAgreementState,
  type AgreementCommand,
  type AgreementEvent,
  type AgreementState,
} from '@border-ledger/exchange-domain';

/** An agreement command with what the envelope needs. */
export class AgreementCommandMessage {
  constructor(
    readonly command: AgreementCommand,
    readonly commandId: string,
    readonly correlationId: string,
    readonly expectedRevision?: number,
  ) {}
}

export interface AgreementReply {
  readonly agreementId: string;
  readonly status: AgreementState['status'];
  readonly version: number;
  /** Revision of the agreement's stream: send it as `If-Match` to amend or revoke. */
  readonly revision: number;
  readonly replayed: boolean;
}

/** Load the agreement's stream, decide, append. */
@CommandHandler(AgreementCommandMessage)
export class AgreementCommandHandler implements ICommandHandler<AgreementCommandMessage, AgreementReply> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(NODE_IDENTITY) private readonly node: NodeIdentity,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(message: AgreementCommandMessage): Promise<AgreementReply> {
    const { command } = message;
    const agreementId = command.kind === 'RecordAgreement' ? command.terms.agreementId : command.agreementId;
    const now = this.clock();
    const outcome = await executeCommand<AgreementState, AgreementEvent>(this.store, {
      streamId: agreementStream(agreementId),
      initialState: initialAgreementState,
      evolve: evolveAgreement,
      decide: (state) => decideAgreement(command, state, { now }),
      commandId: message.commandId,
      occurredAt: now.toISOString(),
      metadata: { ...this.node, correlationId: message.correlationId, causationId: message.commandId },
      expectedRevision: message.expectedRevision,
    });
    const state = outcome.state;
    return {
      agreementId,
      status: state.status,
      version: state.status === 'none' ? 0 : state.versions[state.versions.length - 1].version,
      revision: outcome.result?.nextExpectedRevision ?? -1,
      replayed: outcome.replayed,
    };
  }
}
