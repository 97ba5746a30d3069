import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { SharedCommandModule } from '../shared/shared-command.module';
import { ScreeningPolicyCommandHandler } from './policy.command-handler';
import { ScreeningPolicyHttpController } from './policy.http.controller';
import { ScreeningPolicyReader } from './policy.reader';

/** Screening policies as data: publication and reading. Needs the event store and platform modules. */
@Module({
  imports: [CqrsModule, SharedCommandModule],
  controllers: [ScreeningPolicyHttpController],
  providers: [ScreeningPolicyCommandHandler, ScreeningPolicyReader],
  exports: [ScreeningPolicyReader],
})
export class ScreeningPolicyModule {}
