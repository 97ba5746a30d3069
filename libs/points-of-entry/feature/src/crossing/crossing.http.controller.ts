import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
  BadRequestException,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { deterministicEventId, EVENT_STORE, type EventStore } from '@border-ledger/event-store';
import { currentCorrelation } from '@border-ledger/platform';
import {
  crossingStream,
  evolveCrossing,
  initialCrossingState,
  type CrossingEvent,
} from '@border-ledger/points-of-entry-domain';
import { CrossingCommandMessage, type CrossingReply } from './crossing.command-handlers';
import { RecordCrossingDto, VoidCrossingDto } from './crossing.dto';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

interface HeaderSink {
  setHeader(name: string, value: string): void;
}

@Controller('crossings')
export class CrossingHttpController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** Records a crossing. Retrying with the same `crossingId` or `Idempotency-Key` stores it once. */
  @Post()
  @HttpCode(201)
  async record(
    @Body() body: RecordCrossingDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<CrossingReply> {
    const key = checkIdempotencyKey(idempotencyKey);
    const crossingId = body.crossingId ?? (key ? deterministicEventId(`crossing-key:${key}`, 0) : randomUUID());
    const { occurredAt, ...fields } = body;
    const reply = await this.commands.execute<CrossingCommandMessage, CrossingReply>(
      new CrossingCommandMessage(
        { kind: 'RecordCrossing', crossing: { ...fields, crossingId }, occurredAt },
        `record-crossing:${crossingId}`,
        correlationId(),
      ),
    );
    if (reply.replayed) response.setHeader('Idempotent-Replayed', 'true');
    response.setHeader('Location', `/crossings/${crossingId}`);
    return reply;
  }

  @Get(':crossingId')
  async get(@Param('crossingId', new ParseUUIDPipe()) crossingId: string): Promise<Record<string, unknown>> {
    const events = await this.store.readStream(crossingStream(crossingId));
    if (events.length === 0) throw new NotFoundException(`No crossing ${crossingId}`);
    const state = events.reduce(
      (s, e) => evolveCrossing(s, { type: e.type, data: e.data } as CrossingEvent),
      initialCrossingState,
    );
    if (state.status === 'none') throw new NotFoundException(`No crossing ${crossingId}`);
    const last = events[events.length - 1];
    return {
      ...state.crossing,
      status: state.status,
      occurredAt: events[0].occurredAt,
      recordedAt: events[0].recordedAt,
      revision: last.revision,
      ...(state.status === 'voided' ? { voidReason: state.reason } : {}),
    };
  }

  /** Voids a crossing recorded in error. `If-Match: <revision>` guards against concurrent edits. */
  @Post(':crossingId/void')
  @HttpCode(200)
  async void(
    @Param('crossingId', new ParseUUIDPipe()) crossingId: string,
    @Body() body: VoidCrossingDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<CrossingReply> {
    const key = checkIdempotencyKey(idempotencyKey) ?? randomUUID();
    return this.commands.execute<CrossingCommandMessage, CrossingReply>(
      new CrossingCommandMessage(
        { kind: 'VoidCrossing', crossingId, reason: body.reason },
        `void-crossing:${crossingId}:${key}`,
        correlationId(),
        parseIfMatch(ifMatch),
      ),
    );
  }
}

function correlationId(): string {
  return currentCorrelation()?.correlationId ?? randomUUID();
}

function checkIdempotencyKey(key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new BadRequestException({
      message: 'Validation failed',
      errors: [{ field: 'Idempotency-Key', messages: ['must be 8-128 characters of letters, digits, . _ : -'] }],
    });
  }
  return key;
}

function parseIfMatch(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const revision = Number(value.replace(/^W\//, '').replace(/"/g, ''));
  if (!Number.isSafeInteger(revision) || revision < 0) {
    throw new BadRequestException({
      message: 'Validation failed',
      errors: [{ field: 'If-Match', messages: ['must be the revision number of the crossing'] }],
    });
  }
  return revision;
}
