import { Module, type OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { SqliteDatabase } from '@border-ledger/event-store';
import { ProjectionRegistry, READ_MODEL_DB } from '@border-ledger/event-store/nest';
import { SharedCommandModule } from '../shared/shared-command.module';
import { FLAG_NOTE_STORE, SqliteFlagNoteStore } from './flag-note.store';
import { FlagCommandHandler } from './flag.command-handlers';
import { FlagHttpController } from './flag.http.controller';
import { FlagsProjection } from './flags.projection';

/**
 * Trafficking flags: commands, the flags read model and the node-local note store. Needs the
 * event store, projections (`ProjectionsModule.forRoot`) and platform modules from the root.
 */
@Module({
  imports: [CqrsModule, SharedCommandModule],
  controllers: [FlagHttpController],
  providers: [
    FlagCommandHandler,
    { provide: FlagsProjection, inject: [READ_MODEL_DB], useFactory: (db: SqliteDatabase) => new FlagsProjection(db) },
    // The notes share the read-model file but not its lifecycle: no rebuild touches them.
    { provide: FLAG_NOTE_STORE, inject: [READ_MODEL_DB], useFactory: (db: SqliteDatabase) => new SqliteFlagNoteStore(db) },
  ],
  exports: [FlagsProjection, FLAG_NOTE_STORE],
})
export class FlagModule implements OnModuleInit {
  constructor(
    private readonly registry: ProjectionRegistry,
    private readonly projection: FlagsProjection,
  ) {}

  onModuleInit(): void {
    this.registry.register(this.projection);
  }
}
