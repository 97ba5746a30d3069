import { Module } from '@nestjs/common';
import { ScreeningWhatIfHttpController } from './what-if.http.controller';
import { ScreeningWhatIfService } from './what-if.service';

/** The screening what-if: replays a past period under a draft policy. Needs the event store module. */
@Module({
  controllers: [ScreeningWhatIfHttpController],
  providers: [ScreeningWhatIfService],
})
export class ScreeningWhatIfModule {}
